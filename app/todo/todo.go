// Package todo keeps guide tasks (待办): something a guide should do about
// one customer, with a due time. Capabilities create them (a pooled
// customer handed to a guide, a refused transfer; later journeys and
// SOPs), people create, reassign, complete and cancel them, and they move
// with the customer when a transfer hands the customer over. todo is the
// only writer of guide_tasks.
package todo

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Store keeps the tasks (app/db's TaskStore).
type Store interface {
	AddTask(ctx context.Context, t *app.GuideTask) (bool, error)
	AddTasks(ctx context.Context, ts []app.GuideTask) error
	FindTask(ctx context.Context, corpID, id int64) (*app.GuideTask, error)
	ListTasks(ctx context.Context, corpID int64, f app.TaskFilter) ([]app.GuideTask, int64, error)
	OpenTasks(ctx context.Context, corpID int64, userID, externalUserID string) ([]app.GuideTask, error)
	UpdateOpenTask(ctx context.Context, corpID, id int64, values map[string]any) (bool, error)
	MoveOpenTasks(ctx context.Context, corpID int64, fromUserID, externalUserID, toUserID string, storeID *int64) (int64, error)
}

// Guides reads guide bindings and a caller's store (app/org).
type Guides interface {
	GuidesByUserID(ctx context.Context, corpID int64, userIDs []string) (map[string]app.Guide, error)
	StoreOf(ctx context.Context, corpID int64, by app.Principal) (int64, error)
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Deps are what the task capability is built from.
type Deps struct {
	Tx     app.Transactor
	Store  Store
	Guides Guides
	Audit  Auditor
	// Now is the clock due times are checked against (time.Now if nil).
	Now func() time.Time
}

// Service is the task capability.
type Service struct{ Deps }

var _ app.TaskService = (*Service)(nil)

// New returns a Service on d.
func New(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{Deps: d}
}

func (s *Service) clock() time.Time { return s.Now().UTC().Truncate(time.Millisecond) }

// OpenTasks lists a guide's open tasks, about one customer when
// externalUserID is set, the soonest due first.
func (s *Service) OpenTasks(ctx context.Context, corpID int64, userID, externalUserID string) ([]app.GuideTask, error) {
	return s.Store.OpenTasks(ctx, corpID, userID, externalUserID)
}

// MoveOpenTasks gives a guide's open tasks about one customer to another
// guide, with that guide's store; it joins the caller's transaction.
func (s *Service) MoveOpenTasks(ctx context.Context, corpID int64, fromUserID, externalUserID, toUserID string) (int64, error) {
	store, err := s.storeOfGuide(ctx, corpID, toUserID)
	if err != nil {
		return 0, err
	}
	return s.Store.MoveOpenTasks(ctx, corpID, fromUserID, externalUserID, toUserID, store)
}

// storeOfGuide is the store userID is bound to, nil for a member who is
// not a guide.
func (s *Service) storeOfGuide(ctx context.Context, corpID int64, userID string) (*int64, error) {
	gs, err := s.Guides.GuidesByUserID(ctx, corpID, []string{userID})
	if g, ok := gs[userID]; ok {
		return &g.StoreID, err
	}
	return nil, err
}
