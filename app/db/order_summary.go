package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// SalesSummary totals the corp's sales linked to the member records
// memberIDs (a member and the records merged into it) and the refunds
// recorded against those sales: a refund that carried no member keys
// still takes back from the sale it names.
func (s *OrderStore) SalesSummary(ctx context.Context, corpID int64, memberIDs []int64) (app.SalesSummary, error) {
	var out app.SalesSummary
	if len(memberIDs) == 0 {
		return out, nil
	}
	var row struct {
		Sales      int
		SalesCents int64
		LastSale   anyTime
	}
	err := s.orders(ctx, corpID).Where("kind = ? AND member_id IN ?", app.OrderSale, memberIDs).
		Select("COUNT(*) AS sales, COALESCE(SUM(amount_cents), 0) AS sales_cents, MAX(paid_at) AS last_sale").Scan(&row).Error
	if err != nil {
		return out, domainError(err, "订单")
	}
	out.Sales, out.SalesCents, out.LastSale = row.Sales, row.SalesCents, row.LastSale.t
	sales := s.orders(ctx, corpID).Select("id").Where("kind = ? AND member_id IN ?", app.OrderSale, memberIDs)
	err = s.orders(ctx, corpID).Where("kind = ? AND refund_of_id IN (?)", app.OrderRefund, sales).
		Select("COALESCE(SUM(amount_cents), 0)").Scan(&out.RefundedCents).Error
	return out, domainError(err, "订单")
}

// RecentSales returns the latest limit sales linked to memberIDs, newest
// first (by paid time, then by id).
func (s *OrderStore) RecentSales(ctx context.Context, corpID int64, memberIDs []int64, limit int) ([]app.Order, error) {
	var out []app.Order
	if len(memberIDs) == 0 {
		return out, nil
	}
	err := s.orders(ctx, corpID).Where("kind = ? AND member_id IN ?", app.OrderSale, memberIDs).
		Order("paid_at DESC, id DESC").Limit(limit).Find(&out).Error
	return out, domainError(err, "订单")
}
