package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// MemberSalesAfter returns the sales of the scope's members after member
// afterMember, whole members in member order (each member's in id order),
// about limit of them (at most): a recompute reads each buyer's touches once.
func (s *AttributionStore) MemberSalesAfter(ctx context.Context, corpID, scope, afterMember int64, limit int) ([]app.Order, error) {
	// The bound counts every order of the members, of any scope and kind:
	// that much the member index answers alone, where the scope and kind
	// would take a row read each.
	var bound []int64
	err := s.db.with(ctx).Table("orders").Select("member_id").
		Where("corp_id = ? AND member_id > ?", corpID, afterMember).
		Order("member_id").Offset(limit-1).Limit(1).Pluck("member_id", &bound).Error
	if err != nil {
		return nil, domainError(err, "订单")
	}
	tx := s.db.with(ctx).Table("orders").Where("corp_id = ? AND scope = ? AND kind = ? AND member_id > ?", corpID, scope, app.OrderSale, afterMember)
	if len(bound) > 0 {
		tx = tx.Where("member_id <= ?", bound[0])
	}
	var out []app.Order
	err = tx.Order("member_id, id").Find(&out).Error
	return out, domainError(err, "订单")
}

// OthersAfter returns up to limit of the scope's orders after id after
// that are not sales of a member (sales of nobody known, and refunds), in
// id order: a refund always comes after its sale.
func (s *AttributionStore) OthersAfter(ctx context.Context, corpID, scope, after int64, limit int) ([]app.Order, error) {
	var out []app.Order
	err := s.db.with(ctx).Table("orders").Where("corp_id = ? AND id > ?", corpID, after).
		Where("scope = ? AND (kind <> ? OR member_id IS NULL)", scope, app.OrderSale).
		Order("id").Limit(limit).Find(&out).Error
	return out, domainError(err, "订单")
}
