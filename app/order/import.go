package order

import (
	"context"
	"io"
	"sort"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/sheet"
)

// orderColumns are the columns of an order file: one row per line item,
// the order's own columns repeated on each of its rows (or left blank
// after the first). Amounts are in yuan, as people write them.
var orderColumns = []sheet.Column{
	{Field: "source", Names: []string{"source", "来源", "订单来源", "渠道"}, Required: true},
	{Field: "kind", Names: []string{"kind", "type", "类型", "订单类型"}},
	{Field: "order_no", Names: []string{"order_no", "订单号", "订单编号", "单号"}, Required: true},
	{Field: "refund_of", Names: []string{"refund_of", "原订单号", "原单号"}},
	{Field: "store_code", Names: []string{"store_code", "门店编码", "门店编号", "门店代码"}},
	{Field: "guide_code", Names: []string{"guide_code", "导购编码", "导购工号", "导购"}},
	{Field: "member_no", Names: []string{"member_no", "会员号", "会员编号", "会员卡号"}},
	{Field: "unionid", Names: []string{"unionid"}},
	{Field: "openid", Names: []string{"openid"}},
	{Field: "phone", Names: []string{"phone", "手机号", "手机", "手机号码"}},
	{Field: "amount", Names: []string{"amount", "金额", "订单金额", "实付金额"}, Required: true},
	{Field: "paid_at", Names: []string{"paid_at", "支付时间", "付款时间"}, Required: true},
	{Field: "sku", Names: []string{"sku", "商品编码", "商品编号"}},
	{Field: "item_name", Names: []string{"item_name", "商品名称", "商品"}},
	{Field: "quantity", Names: []string{"quantity", "数量"}},
	{Field: "unit_price", Names: []string{"unit_price", "单价"}},
}

// ImportOrders imports orders from a CSV or xlsx file of line items. The
// rows of one order (same source, kind and number) make one order; a bad
// row refuses its whole order, nothing of it written, and every other
// order is written on its own, so the good ones are kept. An order
// already recorded with the same content is unchanged, so importing the
// file again changes nothing; one with other content is refused. Rows
// are counted in the report; one audit record sums the import up.
func (s *Service) ImportOrders(ctx context.Context, corpID int64, name string, r io.Reader) (*app.ImportReport, error) {
	t, err := sheet.Open(name, r, orderColumns)
	if err != nil {
		return nil, err
	}
	loc, err := s.zone(ctx, corpID)
	if err != nil {
		return nil, err
	}
	gs := groupRows(t, loc)
	in := make([]app.OrderInput, len(gs))
	for i, g := range gs {
		in[i] = g.input
	}
	ds, ref, err := s.check(ctx, corpID, in)
	if err != nil {
		return nil, err
	}
	if ref == nil {
		ref = newRefusal(app.EINVALID)
	}
	rep := &app.ImportReport{Kind: "orders", Rows: len(t.Rows), Errors: []app.ImportError{}}
	sum := &importSum{}
	for _, i := range writeOrder(ds) {
		if err := s.importOne(ctx, corpID, t.Header, gs[i], ds[i], ref.rows[i], rep, sum); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(rep.Errors, func(a, b int) bool { return rep.Errors[a].Row < rep.Errors[b].Row })
	return rep, s.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: "order.import", TargetType: "order", TargetID: "",
		Detail: map[string]any{"file": name, "rows": rep.Rows, "orders": len(gs), "created": sum.created, "unchanged": sum.unchanged,
			"rejected": sum.rejected, "rows_rejected": rep.Rejected}})
}

// importSum counts orders (the report counts rows).
type importSum struct{ created, unchanged, rejected int }

// importOne writes group g (draft d) on its own unless the file or the
// check refused it (checked), and reports its rows.
func (s *Service) importOne(ctx context.Context, corpID int64, h *sheet.Header, g *group, d *draft, checked app.Fields, rep *app.ImportReport, sum *importSum) error {
	if len(g.errs) > 0 || len(checked) > 0 {
		g.refuse(h, checked, rep)
		sum.rejected++
		return nil
	}
	res, ref, err := s.write(ctx, corpID, []*draft{d})
	switch {
	case sheet.Fatal(err):
		return err
	case err != nil:
		g.refuse(h, app.Fields{{Reason: app.ErrorMessage(err)}}, rep)
		sum.rejected++
	case ref != nil:
		g.refuse(h, ref.rows[0], rep)
		sum.rejected++
	default:
		sheet.Tally(rep, res[0].Outcome, len(g.rows))
		sum.created += map[bool]int{true: 1}[res[0].Outcome == app.OrderCreated]
		sum.unchanged += map[bool]int{true: 1}[res[0].Outcome == app.OrderUnchanged]
	}
	return nil
}

// writeOrder is the order the groups are written in: sales before
// refunds, so a refund finds its sale of the same file, else as in the
// file.
func writeOrder(ds []*draft) []int {
	idx := make([]int, len(ds))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return ds[idx[a]].order.Kind != app.OrderRefund && ds[idx[b]].order.Kind == app.OrderRefund
	})
	return idx
}

// zone is the corp's time zone, for times written without one.
func (s *Service) zone(ctx context.Context, corpID int64) (*time.Location, error) {
	name, err := s.Zones.CorpZone(ctx, corpID)
	if err != nil {
		return nil, err
	}
	if name == "" {
		name = "Asia/Shanghai"
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, app.Wrap(app.EINTERNAL, err, "")
	}
	return loc, nil
}
