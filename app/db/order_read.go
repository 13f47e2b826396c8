package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

const defaultOrderPage = 50

// ListOrders returns a page of the corp's orders narrowed by f, in id
// order.
func (s *OrderStore) ListOrders(ctx context.Context, corpID int64, f app.OrderFilter) ([]app.Order, int64, error) {
	q := s.orders(ctx, corpID)
	for col, v := range map[string]int64{"store_id": f.StoreID, "member_id": f.MemberID} {
		if v > 0 {
			q = q.Where(col+" = ?", v)
		}
	}
	for col, v := range map[string]string{"source": f.Source, "kind": f.Kind, "member_no": f.MemberNo} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	if f.PaidFrom != nil {
		q = q.Where("paid_at >= ?", f.PaidFrom.UTC())
	}
	if f.PaidBefore != nil {
		q = q.Where("paid_at < ?", f.PaidBefore.UTC())
	}
	var out []app.Order
	if err := page(q, f.Page, defaultOrderPage).Find(&out).Error; err != nil {
		return nil, 0, domainError(err, "订单")
	}
	out, next := cut(out, f.Page, defaultOrderPage, func(o app.Order) int64 { return o.ID })
	return out, next, nil
}

// FindOrder returns order id of corpID.
func (s *OrderStore) FindOrder(ctx context.Context, corpID, id int64) (*app.Order, error) {
	return findBy[app.Order](ctx, s.db, "orders", corpID, "id", id, "订单")
}

// OrderItems returns the lines of an order, in line order.
func (s *OrderStore) OrderItems(ctx context.Context, corpID, orderID int64) ([]app.OrderItem, error) {
	var out []app.OrderItem
	err := s.db.with(ctx).Table("order_items").Where("corp_id = ? AND order_id = ?", corpID, orderID).Order("line").Find(&out).Error
	return out, domainError(err, "订单明细")
}

// RefundsOf returns the refunds recorded against a sale, oldest first.
func (s *OrderStore) RefundsOf(ctx context.Context, corpID, saleID int64) ([]app.Order, error) {
	var out []app.Order
	err := s.orders(ctx, corpID).Where("refund_of_id = ?", saleID).Order("paid_at, id").Find(&out).Error
	return out, domainError(err, "订单")
}
