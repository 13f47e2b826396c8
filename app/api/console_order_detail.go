package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/panel"
)

// orderView is an order's page: the order, its lines, and a sale's
// refunds or a refund's sale, each by names.
type orderView struct {
	Order     orderRow
	GuideCode string // the guide the till recorded, as it recorded them
	Guide     string // their name, "" when no guide has that code
	CreatedAt time.Time
	Items     []orderItemRow
	Related   []orderRow // a sale's refunds, or a refund's sale
	Refunded  string     // a sale's refunds together (≤ 0), "" without any
	Kept      string     // what the sale keeps after them
}

// orderItemRow is a line of an order, its prices in yuan.
type orderItemRow struct {
	Line             int
	SKU, Name        string
	Quantity         int64
	UnitPrice, Total string
}

// orderPage shows an order the caller may see; another store's is not
// found for a store manager (the order service says so, so that ids
// cannot be probed).
func (s *server) orderPage(c *gin.Context) {
	ctx, p := c.Request.Context(), caller(c)
	d, err := s.d.Orders.FindOrder(ctx, p.CorpID, pathID(c), *p)
	var ov *orderView
	if err == nil {
		ov, err = s.orderDetail(ctx, p.CorpID, d)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	title := "订单 " + d.OrderNo
	if d.Kind == app.OrderRefund {
		title = "退款单 " + d.OrderNo
	}
	s.render(c, http.StatusOK, "console_order.html", s.view(c, title, "orders", ov))
}

// orderDetail names what an order's page shows.
func (s *server) orderDetail(ctx context.Context, corpID int64, d *app.OrderDetail) (*orderView, error) {
	all := append([]app.Order{d.Order}, d.Refunds...)
	if d.Sale != nil {
		all = append(all, *d.Sale)
	}
	stores, err := s.allStores(ctx, corpID)
	var rows []orderRow
	if err == nil {
		rows, err = s.orderRows(ctx, corpID, all, stores)
	}
	var people map[string]string
	if err == nil && d.GuideCode != "" {
		people, err = s.d.Names.People(ctx, corpID, []string{d.GuideCode})
	}
	if err != nil {
		return nil, err
	}
	v := &orderView{Order: rows[0], GuideCode: d.GuideCode, Guide: people[d.GuideCode], CreatedAt: d.CreatedAt,
		Related: rows[1:], Items: orderItems(d.Items)}
	if len(d.Refunds) > 0 {
		refunded := int64(0)
		for _, r := range d.Refunds {
			refunded += r.AmountCents
		}
		v.Refunded, v.Kept = panel.Yuan(refunded), panel.Yuan(d.AmountCents+refunded)
	}
	return v, nil
}

func orderItems(items []app.OrderItem) []orderItemRow {
	out := make([]orderItemRow, len(items))
	for i, it := range items {
		out[i] = orderItemRow{Line: it.Line, SKU: it.SKU, Name: it.Name, Quantity: it.Quantity,
			UnitPrice: panel.Yuan(it.UnitPriceCents), Total: panel.Yuan(it.UnitPriceCents * it.Quantity)}
	}
	return out
}
