package dashboard

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// RFMClasses are the 8 RFM classes in the order shown, with the rule of
// each (R recency, F frequency, M monetary; ↑ high, ↓ low).
var RFMClasses = []struct{ Class, Rule string }{{app.RFMValue, "R↑F↑M↑"}, {app.RFMRecall, "R↓F↑M↑"}, {app.RFMDeepen, "R↑F↓M↑"},
	{app.RFMRetain, "R↓F↓M↑"}, {app.RFMPotential, "R↑F↑M↓"}, {app.RFMNew, "R↑F↓M↓"}, {app.RFMMaintain, "R↓F↑M↓"}, {app.RFMLost, "R↓F↓M↓"}}

// Stages are the lifecycle stages in the funnel's order.
var Stages = []string{app.StageIntro, app.StageGrowth, app.StageMature, app.StageDormant, app.StageChurned}

var (
	shareColumns = []Column{{Key: "members", Label: "会员数", Kind: Count}, {Key: "share", Label: "占比", Kind: Rate}}
	churnColumns = []Column{colEnds, colRemovals, colCustomers,
		rate("churn_rate", "流失率", func(f app.Figures) Cell { return Share(f.Ends, f.Customers) })}
)

// AssetsPage is 客户资产: members by RFM class and lifecycle stage as the
// latest snapshot up to the period's end stood (Day), and 流失 day by day.
type AssetsPage struct {
	Period      Period
	Day         string // the snapshot's day; "" when none was taken yet
	Classes     Table
	Stages      Table
	ClassChart  Chart
	Funnel      Chart
	Churn       Table
	ChurnChart  Chart
	NoSnapshot  bool
	NoChurnData bool
}

// Assets builds 客户资产 for sc (a store manager's: members whose home
// store is theirs) over p.
func (s *Service) Assets(ctx context.Context, sc Scope, p Period) (*AssetsPage, error) {
	counts, err := s.d.Stats.Assets(ctx, sc.CorpID, sc.StoreID, p.To)
	if err != nil {
		return nil, err
	}
	days, err := s.daily(ctx, sc, p)
	if err != nil {
		return nil, err
	}
	out := &AssetsPage{Period: p, NoSnapshot: len(counts) == 0, NoChurnData: true}
	byClass, byStage := map[string]int64{}, map[string]int64{}
	var all int64
	for _, c := range counts {
		out.Day = c.Day
		byClass[c.Class] += c.Members
		byStage[c.Stage] += c.Members
		all += c.Members
	}
	out.Classes = Table{Key: "rfm", Title: "RFM 八类分布", Heads: []string{"类别", "规则"}, Columns: shareColumns}
	for _, c := range RFMClasses {
		out.Classes.Rows = append(out.Classes.Rows, shareRow(c.Class, []string{app.RFMClassNames[c.Class], c.Rule}, byClass[c.Class], all))
	}
	out.Stages = Table{Key: "stages", Title: "生命周期", Heads: []string{"阶段"}, Columns: shareColumns}
	for _, st := range Stages {
		out.Stages.Rows = append(out.Stages.Rows, shareRow(st, []string{app.StageNames[st]}, byStage[st], all))
	}
	for _, t := range []*Table{&out.Classes, &out.Stages} {
		total := shareRow("", append([]string{"合计"}, make([]string, len(t.Heads)-1)...), all, all)
		t.Total, t.Count = &total, len(t.Rows)
	}
	out.ClassChart = barsOf(out.Classes, "RFM 八类会员数", "members")
	out.Funnel = Chart{Kind: "funnel", Title: "生命周期漏斗", X: []string{}, Series: []Series{{Name: "会员数", Data: []float64{}}}}
	for _, r := range out.Stages.Rows {
		out.Funnel.X = append(out.Funnel.X, r.Labels[0])
		out.Funnel.Series[0].Data = append(out.Funnel.Series[0].Data, r.Cells[0].V)
	}
	out.Churn = Table{Key: "churn", Title: "流失趋势", Heads: []string{"日期"}, Columns: churnColumns}
	for i, d := range p.Dates() {
		out.Churn.Rows = append(out.Churn.Rows, rowOf(d, []string{d}, days[i], churnColumns))
		out.NoChurnData = out.NoChurnData && days[i] == (app.Figures{})
	}
	out.Churn.Count = len(out.Churn.Rows)
	out.ChurnChart = barsOf(out.Churn, "每日流失与流失率", "ends", "churn_rate")
	out.ChurnChart.Series[0].Type = "line"
	return out, nil
}

func shareRow(key string, labels []string, n, all int64) Row {
	return Row{Key: key, Labels: labels, Cells: []Cell{Of(float64(n)), Share(n, all)}}
}
