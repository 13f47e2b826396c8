package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// CreateRun inserts run r.
func (s *AttributionStore) CreateRun(ctx context.Context, r *app.AttributionRun) error {
	return domainError(s.db.with(ctx).Table("attribution_runs").Create(r).Error, "重算任务")
}

// FindRun returns run id of corpID.
func (s *AttributionStore) FindRun(ctx context.Context, corpID, id int64) (*app.AttributionRun, error) {
	return findBy[app.AttributionRun](ctx, s.db, "attribution_runs", corpID, "id", id, "重算任务")
}

// LatestRun returns the newest run of rule version rulesID.
func (s *AttributionStore) LatestRun(ctx context.Context, corpID, rulesID int64) (*app.AttributionRun, error) {
	var r app.AttributionRun
	err := s.db.with(ctx).Table("attribution_runs").Where("corp_id = ? AND rules_id = ?", corpID, rulesID).Order("id DESC").Take(&r).Error
	return &r, domainError(err, "重算任务")
}

// AdvanceRun moves run id's cursor and progress on, within the caller's
// transaction with the credits it wrote.
func (s *AttributionStore) AdvanceRun(ctx context.Context, corpID, id int64, phase int, cursor, done int64) error {
	err := s.db.with(ctx).Table("attribution_runs").Where("corp_id = ? AND id = ?", corpID, id).
		Updates(map[string]any{"phase": phase, "cursor_id": cursor, "done": done}).Error
	return domainError(err, "重算任务")
}

// FinishRun ends run id with status and, on failure, why.
func (s *AttributionStore) FinishRun(ctx context.Context, corpID, id int64, status, reason string) error {
	err := s.db.with(ctx).Table("attribution_runs").Where("corp_id = ? AND id = ?", corpID, id).
		Updates(map[string]any{"status": status, "error": app.Truncate(reason, 512), "finished_at": time.Now().UTC()}).Error
	return domainError(err, "重算任务")
}

// OrdersAfter returns up to limit of the scope's orders (sales and
// refunds) after id after, in id order: a refund always comes after its
// sale.
func (s *AttributionStore) OrdersAfter(ctx context.Context, corpID, scope, after int64, limit int) ([]app.Order, error) {
	var out []app.Order
	err := s.db.with(ctx).Table("orders").Where("corp_id = ? AND scope = ? AND id > ?", corpID, scope, after).
		Order("id").Limit(limit).Find(&out).Error
	return out, domainError(err, "订单")
}

// CountOrders counts the scope's orders.
func (s *AttributionStore) CountOrders(ctx context.Context, corpID, scope int64) (int64, error) {
	var n int64
	err := s.db.with(ctx).Table("orders").Where("corp_id = ? AND scope = ?", corpID, scope).Count(&n).Error
	return n, domainError(err, "订单")
}

// OrdersByID returns orders ids of corpID.
func (s *AttributionStore) OrdersByID(ctx context.Context, corpID int64, ids []int64) ([]app.Order, error) {
	var out []app.Order
	err := s.db.with(ctx).Table("orders").Where("corp_id = ? AND id IN ?", corpID, ids).Order("id").Find(&out).Error
	return out, domainError(err, "订单")
}

// OrderScopes lists every corp and scope with orders.
func (s *AttributionStore) OrderScopes(ctx context.Context) ([]app.OrderScope, error) {
	var out []app.OrderScope
	err := s.db.with(ctx).Table("orders").Distinct("corp_id", "scope").Order("corp_id, scope").Find(&out).Error
	return out, domainError(err, "订单")
}

// Uncredited returns up to limit of the scope's orders not credited under
// rulesID yet (every credited order has its models' row, even with no
// line), in id order: orders that arrived after its run began.
func (s *AttributionStore) Uncredited(ctx context.Context, corpID, scope, rulesID int64, limit int) ([]app.Order, error) {
	var out []app.Order
	err := s.db.with(ctx).Table("orders o").Where("o.corp_id = ? AND o.scope = ?", corpID, scope).
		Where("NOT EXISTS (SELECT 1 FROM order_model_credits c WHERE c.rules_id = ? AND c.order_id = o.id)", rulesID).
		Order("o.id").Limit(limit).Find(&out).Error
	return out, domainError(err, "订单")
}
