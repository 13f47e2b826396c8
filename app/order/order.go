// Package order keeps the brand's orders (订单): sales and refunds sent by
// the stores' tills, the mini-program mall, the platforms and WeCom's
// 对外收款, one at a time, in batches of up to 1,000 or from a spreadsheet.
// An order is identified by source, kind and number: sending it again
// changes nothing, sending the same number with other content is a
// conflict, never an overwrite. A refund is a record of its own pointing at
// its sale, and refunds never exceed the sale. The member keys an order
// carries link it to its member, at once or when the member arrives
// (LinkOrders); a phone is kept only as its keyed blind index. order is the
// only writer of orders and order_items.
package order

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Store keeps orders and their lines (app/db's OrderStore).
type Store interface {
	// OrdersByKey returns the corp's orders with keys, by key.
	OrdersByKey(ctx context.Context, corpID int64, keys []app.OrderKey) (map[app.OrderKey]app.Order, error)
	// LockSales locks the corp's orders ids until the transaction ends
	// and returns them by id: refunds of one sale are checked in turn.
	LockSales(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Order, error)
	// RefundTotals sums the refunds recorded against each sale (≤ 0).
	RefundTotals(ctx context.Context, corpID int64, saleIDs []int64) (map[int64]int64, error)
	// InsertOrders inserts orders (filling their IDs) and items[i], the
	// lines of orders[i]; a key already taken is an ECONFLICT error.
	InsertOrders(ctx context.Context, orders []*app.Order, items [][]app.OrderItem) error
	LinkOrders(ctx context.Context, corpID, scope, memberID int64, keys app.MemberKeys) (int64, error)
	// UnlinkedSince and LinkOrder serve the relink pass (Relink).
	UnlinkedSince(ctx context.Context, corpID, scope int64, since time.Time, limit int) ([]app.Order, error)
	LinkOrder(ctx context.Context, corpID, id, memberID int64) (bool, error)
}

// Reader reads orders for lists and detail pages (app/db's OrderStore).
type Reader interface {
	ListOrders(ctx context.Context, corpID int64, f app.OrderFilter) ([]app.Order, int64, error)
	FindOrder(ctx context.Context, corpID, id int64) (*app.Order, error)
	OrderItems(ctx context.Context, corpID, orderID int64) ([]app.OrderItem, error)
	RefundsOf(ctx context.Context, corpID, saleID int64) ([]app.Order, error)
}

// Org resolves store codes to stores and their brands' owner scopes, and
// says which store a console caller is limited to (app/org and its store).
type Org interface {
	StoresByCode(ctx context.Context, corpID int64, codes []string) (map[string]app.Store, error)
	BrandsByID(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Brand, error)
	StoreOf(ctx context.Context, corpID int64, by app.Principal) (int64, error)
}

// Indexer computes keyed blind indexes (the deployment's *secret.Box).
type Indexer interface {
	Index(kind, value string) string
}

// Zones gives a corp's time zone, for spreadsheet times written without
// one (app/db's CorpStore).
type Zones interface {
	CorpZone(ctx context.Context, corpID int64) (string, error)
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Deps are what the order capability is built from. Members links orders
// to members as they arrive; nil (before the member capability is wired)
// leaves every order unlinked until LinkOrders is called.
type Deps struct {
	Tx      app.Transactor
	Store   Store
	Reader  Reader
	Org     Org
	Index   Indexer
	Members app.MemberMatcher
	Zones   Zones
	Audit   Auditor
	// Now is the clock paid times are checked against (time.Now if nil).
	Now func() time.Time
}

// Service is the order capability.
type Service struct{ Deps }

// New returns a Service on d.
func New(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{Deps: d}
}

// LinkOrders links to memberID the orders of scope not yet linked to any
// member that carry one of keys: the member capability calls it when a
// member is created or gains a key, so an order that came first is
// matched when its member arrives. It returns how many were linked.
func (s *Service) LinkOrders(ctx context.Context, corpID, scope, memberID int64, keys app.MemberKeys) (int64, error) {
	return s.Store.LinkOrders(ctx, corpID, scope, memberID, keys)
}
