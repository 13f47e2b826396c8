package attribution

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Store keeps rule versions, credits and runs, and reads what credit is
// decided from (app/db's AttributionStore); attribution is the only
// writer of its tables.
type Store interface {
	Rules
	Runs
	Buyers
	ReplaceCredits(ctx context.Context, rulesID int64, orders []app.Order, credits []app.Credit) error
	CreditsOf(ctx context.Context, corpID, rulesID int64, orderIDs []int64) (map[int64][]app.Credit, error)
}

// Rules are the brands' rule versions.
type Rules interface {
	CreateRules(ctx context.Context, r *app.AttributionRules) error
	LatestRules(ctx context.Context, corpID, scope int64) (*app.AttributionRules, error)
	FindRules(ctx context.Context, corpID, id int64) (*app.AttributionRules, error)
	ListRules(ctx context.Context, corpID, scope int64) ([]app.AttributionRules, error)
}

// Runs are recomputes with their progress.
type Runs interface {
	CreateRun(ctx context.Context, r *app.AttributionRun) error
	FindRun(ctx context.Context, corpID, id int64) (*app.AttributionRun, error)
	LatestRun(ctx context.Context, corpID, rulesID int64) (*app.AttributionRun, error)
	AdvanceRun(ctx context.Context, corpID, id int64, phase int, cursor, done int64) error
	FinishRun(ctx context.Context, corpID, id int64, status, reason string) error
}

// Buyers reads orders and who bought them, with their touches.
type Buyers interface {
	MemberSalesAfter(ctx context.Context, corpID, scope, afterMember int64, limit int) ([]app.Order, error)
	OthersAfter(ctx context.Context, corpID, scope, after int64, limit int) ([]app.Order, error)
	CountOrders(ctx context.Context, corpID, scope int64) (int64, error)
	OrdersByID(ctx context.Context, corpID int64, ids []int64) ([]app.Order, error)
	Survivors(ctx context.Context, corpID int64, memberIDs []int64) (map[int64]int64, error)
	BuyerTouches(ctx context.Context, corpID int64, survivors []int64) (map[int64][]app.Touch, error)
}

// Org reads the stores and guides credit names (app/db's OrgStore).
type Org interface {
	StoresByID(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Store, error)
	GuidesByUserID(ctx context.Context, corpID int64, userIDs []string) (map[string]app.Guide, error)
}

// Queue starts a recompute run in the background (the task queue).
type Queue interface {
	EnqueueAttributionRun(ctx context.Context, corpID, runID int64) error
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Deps are what attribution is built from.
type Deps struct {
	Tx    app.Transactor
	Store Store
	Org   Org
	Queue Queue
	Audit Auditor
}

// Service is the attribution capability.
type Service struct {
	Deps
	now   func() time.Time
	batch int // orders a batch of a run, about
}

// New returns a Service on d.
func New(d Deps) *Service {
	return &Service{Deps: d, now: func() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }, batch: batchSize}
}

// Models are every model credit is computed under, the brand's rules
// first.
var Models = []string{app.ModelRules, app.ModelLastTouch, app.ModelFirst, app.ModelLinear, app.ModelPosition, app.ModelTimeDecay}
