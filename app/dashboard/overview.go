package dashboard

import (
	"context"
	"math"

	"github.com/siyu-scrm/siyu/app"
)

// KPI is one headline figure of 总览: its value in the period and the
// one before, and the change between them — relative for counts and
// money (+0.25 = 25% more), in points for rates (+0.02 = 2 个百分点);
// no change when there is nothing to compare with.
type KPI struct {
	Key, Label string
	Kind       Kind
	Now, Prev  Cell
	Change     Cell
	// Good is whether a rise is good news (流失 rising is not).
	Good bool
}

// kpi is how a KPI reads its value from figures.
type kpi struct {
	key, label string
	kind       Kind
	good       bool
	value      func(f app.Figures) Cell
}

func plain(v func(f app.Figures) int64) func(f app.Figures) Cell {
	return func(f app.Figures) Cell { return Of(float64(v(f))) }
}

// kpis are 总览's headline figures, in the order shown.
var kpis = []kpi{
	{"adds", "新增客户", Count, true, plain(func(f app.Figures) int64 { return f.Adds })},
	{"ends", "流失（客户删除导购）", Count, false, plain(func(f app.Figures) int64 { return f.Ends })},
	{"net", "净增客户", Count, true, plain(app.Figures.Net)},
	{"welcome_rate", "欢迎语成功率", Rate, true, colWelcomeRate.value},
	{"task_rate", "待办按时完成率", Rate, true, taskRate},
	{"confirm_rate", "群发确认率", Rate, true, colConfirmRate.value},
	{"delivery_rate", "群发送达率", Rate, true, colDeliveryRate.value},
	{"orders", "成交订单", Count, true, plain(func(f app.Figures) int64 { return f.Orders })},
	{"revenue", "归属业绩（净额）", Money, true, plain(app.Figures.NetCents)},
	{"helps", "裂变助力", Count, true, plain(func(f app.Figures) int64 { return f.Helps })},
	{"reply_rate", "企业微信回复率", Rate, true, replyRate},
}

// KPIOf compares a figure's value now with the one before.
func kpiOf(k kpi, now, prev app.Figures) KPI {
	out := KPI{Key: k.key, Label: k.label, Kind: k.kind, Now: k.value(now), Prev: k.value(prev), Good: k.good}
	out.Change = change(out.Now, out.Prev, k.kind)
	return out
}

// change is now against prev: points for a rate, relative otherwise
// (against prev's size, so a net gain from a net loss reads as a rise).
func change(now, prev Cell, k Kind) Cell {
	switch {
	case !now.OK || !prev.OK:
		return Cell{}
	case k == Rate:
		return Of(now.V - prev.V)
	case prev.V == 0:
		return Cell{}
	}
	return Of((now.V - prev.V) / math.Abs(prev.V))
}

// OverviewPage is 总览: the headline figures of a period beside the
// period before, the trend of its days, and the days as a table.
type OverviewPage struct {
	Period, Prev Period
	KPIs         []KPI
	Trend        Chart
	Daily        Table
	Empty        bool // no figures at all in the period
}

// Overview builds 总览 for sc over p.
func (s *Service) Overview(ctx context.Context, sc Scope, p Period) (*OverviewPage, error) {
	now, err := s.totals(ctx, sc, p)
	if err != nil {
		return nil, err
	}
	prev, err := s.totals(ctx, sc, p.Previous())
	if err != nil {
		return nil, err
	}
	days, err := s.daily(ctx, sc, p)
	if err != nil {
		return nil, err
	}
	out := &OverviewPage{Period: p, Prev: p.Previous(), Empty: now == (app.Figures{})}
	for _, k := range kpis {
		out.KPIs = append(out.KPIs, kpiOf(k, now, prev))
	}
	out.Daily = Table{Key: "daily", Title: "每日明细", Heads: []string{"日期"}, Columns: DailyColumns}
	for i, d := range p.Dates() {
		out.Daily.Rows = append(out.Daily.Rows, rowOf(d, []string{d}, days[i], DailyColumns))
	}
	out.Daily.Count = len(out.Daily.Rows)
	out.Trend = barsOf(out.Daily, "每日新增、流失与业绩", "adds", "ends", "net", "revenue")
	for i := range out.Trend.Series[:3] {
		out.Trend.Series[i].Type = "line"
	}
	total := rowOf("", []string{"合计"}, now, DailyColumns)
	out.Daily.Total = &total
	return out, nil
}
