package api

import (
	"context"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// exportOrders downloads the orders the list's filter selects (a store
// manager's, their store's). Analysts get member names masked: they read
// figures, not people.
func (s *server) exportOrders(c *gin.Context) {
	ctx, p := c.Request.Context(), caller(c)
	v := s.view(c, "订单", "orders", nil)
	_, q, bad := readOrderFilter(c, v.Zone)
	q.After = 0 // every order of the filter, whatever page the list was on
	stores, err := s.allStores(ctx, p.CorpID)
	if err = firstOf(bad.Err(), err); err == nil {
		q.Limit = 1 // the filter is checked, and a manager's scope, before anything is written
		_, _, err = s.d.Orders.ListOrders(ctx, p.CorpID, *p, q)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	mask := app.ReadOnly(p.Role)
	s.export(c, "orders", table{name: "订单", header: []string{"订单号", "来源", "类型", "门店", "会员号", "会员姓名", "金额（元）", "支付时间"},
		each: func(emit func([]string) error) error {
			return s.eachOrder(ctx, p, q, stores, func(o app.Order, r orderRow) error {
				name := r.MemberName
				if mask {
					name = maskText(name)
				}
				return emit([]string{r.OrderNo, r.Source, r.Kind, r.Store, r.MemberNo, name, yuanPlain(o.AmountCents), v.Local(r.PaidAt)})
			})
		}})
}

// eachOrder reads every page of q, as the caller may see it.
func (s *server) eachOrder(ctx context.Context, p *app.Principal, q app.OrderFilter, stores []app.Store, fn func(app.Order, orderRow) error) error {
	q.Limit = app.MaxPageSize
	for {
		list, next, err := s.d.Orders.ListOrders(ctx, p.CorpID, *p, q)
		if err != nil {
			return err
		}
		rows, err := s.orderRows(ctx, p.CorpID, list, stores)
		if err != nil {
			return err
		}
		for i, r := range rows {
			if err := fn(list[i], r); err != nil {
				return err
			}
		}
		if next == 0 {
			return nil
		}
		q.After = next
	}
}
