// Package member keeps the brand's members (会员): it upserts them from the
// brand's POS/CRM and the mini-program, one at a time or in batches,
// idempotent by member number; finds them by any key they hold; merges
// records that are the same person on a unionid or a verified phone, and
// leaves the doubtful cases to an operator's review; and undoes any merge.
// Phone numbers are sealed, indexed blind and masked: the clear number is
// only ever shown to an admin, with an audit record.
package member

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

var _ app.MemberMatcher = (*Service)(nil)

// Store keeps the members' tables (app/db's MemberStore); member is their
// only writer.
type Store interface {
	FindMember(ctx context.Context, corpID, id int64) (*app.Member, error)
	LockMember(ctx context.Context, corpID, id int64) (*app.Member, error)
	CreateMember(ctx context.Context, m *app.Member) error
	SaveMember(ctx context.Context, m *app.Member) error
	// CreditPoints records a points credit once per key and adds it to
	// member memberID (false: the key was credited before).
	CreditPoints(ctx context.Context, c app.PointsCredit, memberID int64) (bool, error)
	Identities
	Reviews
	Merges
}

// Identities are the keys that find members.
type Identities interface {
	HoldersOf(ctx context.Context, corpID, scope int64, kind string, values []string) (map[string]int64, error)
	IdentitiesOf(ctx context.Context, corpID, memberID int64) ([]app.MemberIdentity, error)
	AddIdentities(ctx context.Context, keys []app.MemberIdentity) error
	MoveIdentities(ctx context.Context, corpID int64, ids []int64, to int64) error
	DropIdentities(ctx context.Context, corpID int64, ids []int64) error
}

// Reviews are the possible matches waiting for an operator.
type Reviews interface {
	OpenReview(ctx context.Context, r *app.MemberReview) (bool, error)
	ListReviews(ctx context.Context, corpID int64, status string, p app.Page) ([]app.MemberReview, int64, error)
	LockReview(ctx context.Context, corpID, id int64) (*app.MemberReview, error)
	DecideReview(ctx context.Context, corpID, id int64, status, by string, at time.Time) error
}

// Merges record every merge so that it can be undone.
type Merges interface {
	CreateMerge(ctx context.Context, m *app.MemberMerge) error
	LockMerge(ctx context.Context, corpID, id int64) (*app.MemberMerge, error)
	UndoMerge(ctx context.Context, corpID, id int64, by string, at time.Time) error
	MergesOf(ctx context.Context, corpID, memberID int64) ([]app.MemberMerge, error)
}

// Org resolves the stores and brands a member record names (app/db's
// OrgStore).
type Org interface {
	FindStoreByCode(ctx context.Context, corpID int64, code string) (*app.Store, error)
	FindBrandByName(ctx context.Context, corpID int64, name string) (*app.Brand, error)
	StoreScope(ctx context.Context, corpID int64, storeID *int64) (int64, error)
}

// Sealer seals phone numbers and computes their blind index (the
// deployment's secret.Box).
type Sealer interface {
	Seal(plain string) (string, error)
	Open(sealed string) (string, error)
	Index(kind, value string) string
}

// OrderLinker links the orders that arrived before their member (the
// orders capability); nil until it is wired.
type OrderLinker interface {
	LinkOrders(ctx context.Context, corpID, scope, memberID int64, keys app.MemberKeys) (int64, error)
}

// Customers finds the corp's WeCom customers by the unionid WeCom
// mirrored (the directory).
type Customers interface {
	ExternalsByUnionID(ctx context.Context, corpID int64, unionid string) ([]string, error)
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Deps are what the members capability is built from.
type Deps struct {
	Tx        app.Transactor
	Store     Store
	Org       Org
	Box       Sealer
	Audit     Auditor
	Orders    OrderLinker
	Customers Customers
}

// Service is the members capability.
type Service struct {
	Deps
	now func() time.Time
}

// New returns a Service on d.
func New(d Deps) *Service {
	return &Service{Deps: d, now: func() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }}
}
