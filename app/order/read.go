package order

import (
	"context"
	"slices"

	"github.com/siyu-scrm/siyu/app"
)

// ListOrders returns a page of the corp's orders narrowed by f, in id
// order; a store manager sees their store's only. An unknown source or
// kind, or an empty time range, is refused rather than answered with an
// empty page.
func (s *Service) ListOrders(ctx context.Context, corpID int64, by app.Principal, f app.OrderFilter) ([]app.Order, int64, error) {
	var bad app.Fields
	bad.Check(f.Source != "" && !slices.Contains(app.OrderSources, f.Source), "source", "来源应为 "+sourceChoices())
	bad.Check(f.Kind != "" && f.Kind != app.OrderSale && f.Kind != app.OrderRefund, "kind", "类型应为 sale（销售）或 refund（退款）")
	bad.Check(f.PaidFrom != nil && f.PaidBefore != nil && !f.PaidBefore.After(*f.PaidFrom), "paid_before", "结束时间应晚于开始时间")
	if err := bad.Err(); err != nil {
		return nil, 0, err
	}
	own, err := s.Org.StoreOf(ctx, corpID, by)
	if err != nil {
		return nil, 0, err
	}
	if own != 0 {
		if f.StoreID != 0 && f.StoreID != own {
			return nil, 0, app.Errorf(app.EFORBIDDEN, "店长只能查看本店的订单")
		}
		f.StoreID = own
	}
	return s.Reader.ListOrders(ctx, corpID, f)
}

// FindOrder returns an order the caller may see with its lines: a sale
// with its refunds, a refund with its sale. Another store's order is "not
// found" to a store manager, so ids cannot be probed.
func (s *Service) FindOrder(ctx context.Context, corpID, id int64, by app.Principal) (*app.OrderDetail, error) {
	own, err := s.Org.StoreOf(ctx, corpID, by)
	if err != nil {
		return nil, err
	}
	o, err := s.Reader.FindOrder(ctx, corpID, id)
	if err == nil && own != 0 && (o.StoreID == nil || *o.StoreID != own) {
		err = app.Errorf(app.ENOTFOUND, "订单不存在")
	}
	if err != nil {
		return nil, err
	}
	d := &app.OrderDetail{Order: *o}
	if d.Items, err = s.Reader.OrderItems(ctx, corpID, id); err != nil {
		return nil, err
	}
	switch {
	case o.Kind == app.OrderSale:
		d.Refunds, err = s.Reader.RefundsOf(ctx, corpID, id)
	case o.RefundOfID != nil:
		d.Sale, err = s.Reader.FindOrder(ctx, corpID, *o.RefundOfID)
	}
	return d, err
}
