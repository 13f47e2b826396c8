package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// UnlinkedSince returns up to limit of the scope's orders recorded at or
// after since that no member is linked to, in id order.
func (s *OrderStore) UnlinkedSince(ctx context.Context, corpID, scope int64, since time.Time, limit int) ([]app.Order, error) {
	var out []app.Order
	err := s.orders(ctx, corpID).Where("created_at >= ? AND scope = ? AND member_id IS NULL", since.UTC(), scope).
		Order("id").Limit(limit).Find(&out).Error
	return out, domainError(err, "订单")
}

// LinkOrder links order id to memberID unless a member is linked to it
// already; it reports whether it did.
func (s *OrderStore) LinkOrder(ctx context.Context, corpID, id, memberID int64) (bool, error) {
	res := s.orders(ctx, corpID).Where("id = ? AND member_id IS NULL", id).
		Updates(map[string]any{"member_id": memberID, "updated_at": time.Now().UTC()})
	return res.RowsAffected == 1, domainError(res.Error, "订单")
}
