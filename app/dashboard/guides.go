package dashboard

import (
	"context"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// RankPage is a ranked table (导购排行, 门店对比, 执行, 渠道效果) with
// the bars of its page.
type RankPage struct {
	Period Period
	Table  Table
	Chart  Chart
	More   bool // another page follows
}

// GuideOrder is 导购排行's default order: net credited revenue, most
// first.
var GuideOrder = Order{Sort: "revenue", Desc: true}

// Guides is 导购排行: each guide's figures over p (a guide who changed
// store has a row per store), ranked by o, with bars of the page's
// guides by the sorted column.
func (s *Service) Guides(ctx context.Context, sc Scope, p Period, o Order) (*RankPage, error) {
	t, err := s.guideTable(ctx, sc, p, "guides", "导购排行", GuideColumns)
	if err == nil {
		err = t.rank(o)
	}
	if err != nil {
		return nil, err
	}
	return &RankPage{Period: p, Table: t, Chart: barsOf(t, "导购排行：按"+t.label(o.Sort)+"（本页）", o.Sort), More: t.More(o)}, nil
}

// ExecutionOrder is 执行's default order: the lowest mass-send
// confirmation first, where follow-up is due.
var ExecutionOrder = Order{Sort: "confirm_rate"}

// Execution is 执行: each guide's mass-send confirmation and delivery,
// SOP steps as they reported them (自报), and tasks on time, with bars
// of the page's confirmation and SOP rates.
func (s *Service) Execution(ctx context.Context, sc Scope, p Period, o Order) (*RankPage, error) {
	t, err := s.guideTable(ctx, sc, p, "execution", "执行", ExecutionColumns)
	if err == nil {
		err = t.rank(o)
	}
	if err != nil {
		return nil, err
	}
	return &RankPage{Period: p, Table: t, Chart: barsOf(t, "群发确认率与 SOP 完成率（自报，本页）", "confirm_rate", "sop_rate", "task_rate"),
		More: t.More(o)}, nil
}

// guideTable is every guide row of sc over p by name and store, with
// the total of them all.
func (s *Service) guideTable(ctx context.Context, sc Scope, p Period, key, title string, cols []Column) (Table, error) {
	t := Table{Key: key, Title: title, Heads: []string{"导购", "门店"}, Columns: cols}
	rows, err := s.d.Stats.StatTotals(ctx, app.StatsQuery{CorpID: sc.CorpID, Dim: app.StatGuide, StoreID: sc.StoreID, From: p.From, To: p.To})
	if err != nil {
		return t, err
	}
	users, stores := make([]string, len(rows)), make([]int64, len(rows))
	for i, r := range rows {
		users[i], stores[i] = r.Key, r.StoreID
	}
	person, err := s.people(ctx, sc.CorpID, users)
	if err != nil {
		return t, err
	}
	store, err := s.storeNames(ctx, sc.CorpID, stores)
	var sum app.Figures
	for _, r := range rows {
		t.Rows = append(t.Rows, rowOf(r.Key+"@"+strconv.FormatInt(r.StoreID, 10), []string{person(r.Key), store(r.StoreID)}, r.Figures, cols))
		sum.Add(r.Figures)
	}
	total := rowOf("", []string{"合计", ""}, sum, cols)
	t.Total = &total
	return t, err
}
