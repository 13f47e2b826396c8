package order

import (
	"context"
	"errors"

	"github.com/siyu-scrm/siyu/app"
)

// insert writes the fresh orders with their lines: first those whose
// sale (if any) is recorded, then the refunds of sales written just
// before, which need their sale's new id.
func (s *Service) insert(ctx context.Context, ds []*draft, fresh []int, found map[app.OrderKey]app.Order) error {
	sales := map[app.OrderKey]*app.Order{}
	var now, later []int
	for _, i := range fresh {
		d := &ds[i].order
		if d.Kind == app.OrderSale {
			sales[d.Key()] = d
		}
		switch o, ok := found[ds[i].saleKey()]; {
		case d.Kind != app.OrderRefund:
			now = append(now, i)
		case ok:
			d.RefundOfID = &o.ID
			now = append(now, i)
		default:
			later = append(later, i)
		}
	}
	if err := s.insertSome(ctx, ds, now); err != nil {
		return err
	}
	for _, i := range later {
		ds[i].order.RefundOfID = &sales[ds[i].saleKey()].ID
	}
	return s.insertSome(ctx, ds, later)
}

// insertSome inserts the orders idx of the set in one statement (and
// their lines in another). A key taken meanwhile means another writer
// got there first: errRaced, to plan again.
func (s *Service) insertSome(ctx context.Context, ds []*draft, idx []int) error {
	if len(idx) == 0 {
		return nil
	}
	orders := make([]*app.Order, len(idx))
	items := make([][]app.OrderItem, len(idx))
	for n, i := range idx {
		orders[n], items[n] = &ds[i].order, ds[i].items
	}
	err := s.Store.InsertOrders(ctx, orders, items)
	if app.ErrorCode(err) == app.ECONFLICT {
		return errors.Join(errRaced, err)
	}
	return err
}
