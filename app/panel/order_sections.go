package panel

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// recentOrders is how many sales the order section lists.
const recentOrders = 5

// Sales reads a member's sales and their refunds (app/order's table,
// through app/db's OrderStore).
type Sales interface {
	SalesSummary(ctx context.Context, corpID int64, memberIDs []int64) (app.SalesSummary, error)
	RecentSales(ctx context.Context, corpID int64, memberIDs []int64, limit int) ([]app.Order, error)
	RefundTotals(ctx context.Context, corpID int64, saleIDs []int64) (map[int64]int64, error)
}

// OrderSummary is what the customer's member (every record merged into
// it included) bought: how often, the lifetime value (paid minus
// refunded), the last purchase and the latest few, each with what was
// refunded of it and its store by name.
func (m MemberSections) OrderSummary(ctx context.Context, v app.PanelViewer, ext string) (*Orders, error) {
	survivor, records, err := m.buyer(ctx, v, ext)
	if err != nil || survivor == 0 {
		return nil, err
	}
	sum, err := m.Sales.SalesSummary(ctx, v.CorpID, records)
	if err != nil || sum.Sales == 0 {
		return nil, err
	}
	out := &Orders{Count: sum.Sales, TotalCents: sum.NetCents(), PaidCents: sum.SalesCents, RefundedCents: -sum.RefundedCents, LastAt: sum.LastSale}
	out.Recent, err = m.recent(ctx, v.CorpID, records)
	return out, err
}

// recent lists the latest sales of records with their refunds and stores.
func (m MemberSections) recent(ctx context.Context, corpID int64, records []int64) ([]Order, error) {
	sales, err := m.Sales.RecentSales(ctx, corpID, records, recentOrders)
	if err != nil {
		return nil, err
	}
	ids, stores := make([]int64, len(sales)), make([]*int64, len(sales))
	for i, o := range sales {
		ids[i], stores[i] = o.ID, o.StoreID
	}
	refunded, err := m.Sales.RefundTotals(ctx, corpID, ids)
	if err != nil {
		return nil, err
	}
	named, err := m.Names.Stores(ctx, corpID, stores)
	out := make([]Order, len(sales))
	for i, o := range sales {
		out[i] = Order{No: o.OrderNo, At: o.PaidAt, AmountCents: o.AmountCents, RefundedCents: -refunded[o.ID],
			StoreName: app.OrderSourceLabel(o.Source)}
		if o.StoreID != nil && named[*o.StoreID].Name != "" {
			out[i].StoreName = named[*o.StoreID].Name
		}
	}
	return out, err
}
