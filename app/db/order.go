package db

import (
	"context"
	"sort"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// OrderStore keeps orders and their lines; app/order is its only writer.
type OrderStore struct{ db *DB }

// NewOrderStore returns an OrderStore on db.
func NewOrderStore(db *DB) *OrderStore { return &OrderStore{db: db} }

// insertBatch bounds the rows of one INSERT: 1,000 orders of 18 columns
// stay well inside SQLite's 32,766 parameters.
const insertBatch = 1000

func (s *OrderStore) orders(ctx context.Context, corpID int64) *gorm.DB {
	return s.db.with(ctx).Table("orders").Where("corp_id = ?", corpID)
}

// OrdersByKey returns the corp's orders with keys, by key: one query,
// each (source, kind) reading its numbers through the unique key.
func (s *OrderStore) OrdersByKey(ctx context.Context, corpID int64, keys []app.OrderKey) (map[app.OrderKey]app.Order, error) {
	out := make(map[app.OrderKey]app.Order, len(keys))
	groups := map[[2]string][]string{}
	for _, k := range keys {
		g := [2]string{k.Source, k.Kind}
		groups[g] = append(groups[g], k.OrderNo)
	}
	if len(groups) == 0 {
		return out, nil
	}
	const match = "source = ? AND kind = ? AND order_no IN ?"
	gs := sortedGroups(groups)
	cond := s.db.with(ctx).Where(match, gs[0][0], gs[0][1], uniq(groups[gs[0]]))
	for _, g := range gs[1:] {
		cond = cond.Or(match, g[0], g[1], uniq(groups[g]))
	}
	var rows []app.Order
	err := s.orders(ctx, corpID).Where(cond).Find(&rows).Error
	for _, o := range rows {
		out[o.Key()] = o
	}
	return out, domainError(err, "订单")
}

// sortedGroups orders the groups' keys, so the statement is the same for
// the same keys.
func sortedGroups(groups map[[2]string][]string) [][2]string {
	out := make([][2]string, 0, len(groups))
	for g := range groups {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0]+"\x00"+out[i][1] < out[j][0]+"\x00"+out[j][1] })
	return out
}

// LockSales locks the corp's orders ids (FOR UPDATE on MySQL, and across
// a Galera cluster's nodes: refunds are summed, not written to the sale;
// SQLite's transaction already holds the only write lock) and returns
// them by id.
func (s *OrderStore) LockSales(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Order, error) {
	var rows []app.Order
	err := s.orders(ctx, corpID).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id IN ?", ids).Order("id").Find(&rows).Error
	if err == nil {
		err = s.db.clusterLock(ctx, corpID, "orders", ids)
	}
	out := make(map[int64]app.Order, len(rows))
	for _, o := range rows {
		out[o.ID] = o
	}
	return out, domainError(err, "订单")
}

// RefundTotals sums, per sale, the amounts of the refunds recorded
// against it (zero or negative).
func (s *OrderStore) RefundTotals(ctx context.Context, corpID int64, saleIDs []int64) (map[int64]int64, error) {
	var rows []struct {
		RefundOfID int64
		Total      int64
	}
	err := s.orders(ctx, corpID).Select("refund_of_id, SUM(amount_cents) AS total").
		Where("refund_of_id IN ?", saleIDs).Group("refund_of_id").Scan(&rows).Error
	out := make(map[int64]int64, len(rows))
	for _, r := range rows {
		out[r.RefundOfID] = r.Total
	}
	return out, domainError(err, "订单")
}

// InsertOrders inserts orders in multi-row statements, filling their IDs
// and times, then items[i], the lines of orders[i]. A number already
// recorded fails the statement with a conflict; the caller's transaction
// is then rolled back whole.
func (s *OrderStore) InsertOrders(ctx context.Context, orders []*app.Order, items [][]app.OrderItem) error {
	now := time.Now().UTC().Truncate(time.Millisecond)
	for _, o := range orders {
		o.CreatedAt, o.UpdatedAt, o.PaidAt = now, now, o.PaidAt.UTC()
	}
	if err := s.db.quiet(ctx).Table("orders").CreateInBatches(orders, insertBatch).Error; err != nil {
		return domainError(err, "订单号")
	}
	var lines []app.OrderItem
	for i, o := range orders {
		for _, it := range items[i] {
			it.CorpID, it.OrderID = o.CorpID, o.ID
			lines = append(lines, it)
		}
	}
	if len(lines) == 0 {
		return nil
	}
	return domainError(s.db.with(ctx).Table("order_items").CreateInBatches(lines, 2*insertBatch).Error, "订单明细")
}

// LinkOrders sets memberID on the orders of scope no member is linked to
// yet that carry one of keys, one statement per kind of key (each reads
// its own index), and returns how many it linked.
func (s *OrderStore) LinkOrders(ctx context.Context, corpID, scope, memberID int64, keys app.MemberKeys) (int64, error) {
	var n int64
	now := time.Now().UTC()
	for _, k := range []struct {
		col  string
		vals []string
	}{{"member_no", []string{keys.MemberNo}}, {"unionid", []string{keys.UnionID}}, {"openid", keys.OpenIDs}, {"phone_index", []string{keys.PhoneIndex}}} {
		vals := uniq(k.vals)
		if len(vals) == 0 {
			continue
		}
		res := s.orders(ctx, corpID).Where("scope = ? AND member_id IS NULL AND "+k.col+" IN ?", scope, vals).
			Updates(map[string]any{"member_id": memberID, "updated_at": now})
		if res.Error != nil {
			return n, domainError(res.Error, "订单")
		}
		n += res.RowsAffected
	}
	return n, nil
}
