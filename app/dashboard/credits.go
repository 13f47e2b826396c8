package dashboard

import (
	"context"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// The columns of 业绩归属's tables (their rows are built from credits,
// not from the daily figures).
var (
	creditDayColumns = []Column{{Key: "store", Label: "门店业绩", Kind: Money}, {Key: "online", Label: "线上业绩", Kind: Money},
		{Key: "net", Label: "合计", Kind: Money}, {Key: "online_share", Label: "线上占比", Kind: Rate}, {Key: "orders", Label: "订单", Kind: Count}}
	creditStoreColumns = []Column{{Key: "sales", Label: "销售额", Kind: Money}, {Key: "refunds", Label: "退款", Kind: Money},
		{Key: "net", Label: "净额", Kind: Money}, {Key: "orders", Label: "订单", Kind: Count}}
)

// CreditsPage is 业绩归属: one rule version's credited revenue over a
// period, store team against online team day by day, and by store.
type CreditsPage struct {
	Period  Period
	Daily   Table
	ByStore Table
	Chart   Chart
	Empty   bool
}

// teamSums are credited sums of one team.
type teamSums struct{ sales, refunds, orders int64 }

func (t *teamSums) add(c app.DailyCredit) {
	t.sales, t.refunds, t.orders = t.sales+c.SalesCents, t.refunds+c.RefundCents, t.orders+c.Orders
}

func (t *teamSums) plus(o teamSums) {
	t.sales, t.refunds, t.orders = t.sales+o.sales, t.refunds+o.refunds, t.orders+o.orders
}

func (t teamSums) net() int64 { return t.sales - t.refunds }

// Credits builds 业绩归属 for sc over p under the rule version rulesID
// (daily_credits keeps every version, so earlier ones stay comparable).
func (s *Service) Credits(ctx context.Context, sc Scope, p Period, rulesID int64) (*CreditsPage, error) {
	rows, err := s.d.Stats.DailyCredits(ctx, sc.CorpID, rulesID, sc.StoreID, p.From, p.To)
	if err != nil {
		return nil, err
	}
	out := &CreditsPage{Period: p, Empty: len(rows) == 0}
	days := map[string]map[string]*teamSums{}
	for _, d := range p.Dates() {
		days[d] = map[string]*teamSums{app.TeamStore: {}, app.TeamOnline: {}}
	}
	for _, r := range rows {
		if days[r.Day] != nil && days[r.Day][r.Team] != nil {
			days[r.Day][r.Team].add(r)
		}
	}
	out.Daily, out.Chart = creditDays(p, days)
	out.ByStore, err = s.creditStores(ctx, sc.CorpID, rows)
	return out, err
}

// creditDays is the day table and its stacked bars of store and online.
func creditDays(p Period, days map[string]map[string]*teamSums) (Table, Chart) {
	t := Table{Key: "credits", Title: "每日业绩（门店 / 线上）", Heads: []string{"日期"}, Columns: creditDayColumns}
	ch := Chart{Kind: "axis", Title: "门店与线上业绩", X: p.Dates(), Axes: []string{"元"},
		Series: []Series{{Name: "门店", Type: "bar", Stack: "net"}, {Name: "线上", Type: "bar", Stack: "net"}}}
	var store, online teamSums
	for _, d := range p.Dates() {
		st, on := *days[d][app.TeamStore], *days[d][app.TeamOnline]
		t.Rows = append(t.Rows, creditDay(d, d, st, on))
		ch.Series[0].Data = append(ch.Series[0].Data, float64(st.net())/100)
		ch.Series[1].Data = append(ch.Series[1].Data, float64(on.net())/100)
		store.plus(st)
		online.plus(on)
	}
	total := creditDay("", "合计", store, online)
	t.Total, t.Count = &total, len(t.Rows)
	return t, ch
}

func creditDay(key, label string, st, on teamSums) Row {
	net := st.net() + on.net()
	return Row{Key: key, Labels: []string{label}, Cells: []Cell{Of(float64(st.net())), Of(float64(on.net())), Of(float64(net)),
		Share(on.net(), net), Of(float64(st.orders + on.orders))}}
}

// creditStores sums rows by store and team, most net first.
func (s *Service) creditStores(ctx context.Context, corpID int64, rows []app.DailyCredit) (Table, error) {
	t := Table{Key: "credit-stores", Title: "按门店与团队", Heads: []string{"门店", "团队"}, Columns: creditStoreColumns}
	type key struct {
		store int64
		team  string
	}
	var order []key
	sums := map[key]*teamSums{}
	var ids []int64
	for _, r := range rows {
		k := key{r.StoreID, r.Team}
		if sums[k] == nil {
			order, sums[k], ids = append(order, k), &teamSums{}, append(ids, r.StoreID)
		}
		sums[k].add(r)
	}
	name, err := s.storeNames(ctx, corpID, ids)
	var all teamSums
	for _, k := range order {
		v := *sums[k]
		t.Rows = append(t.Rows, creditStore(strconv.FormatInt(k.store, 10)+"@"+k.team, []string{name(k.store), app.TeamNames[k.team]}, v))
		all.plus(v)
	}
	total := creditStore("", []string{"合计", ""}, all)
	t.Total = &total
	t.Count = len(t.Rows)
	sortRows(t.Rows, 2, true)
	t.Sort, t.Desc = "net", true
	return t, err
}

func creditStore(key string, labels []string, v teamSums) Row {
	return Row{Key: key, Labels: labels, Cells: []Cell{Of(float64(v.sales)), Of(float64(v.refunds)), Of(float64(v.net())), Of(float64(v.orders))}}
}
