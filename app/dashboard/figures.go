package dashboard

import (
	"context"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// whole is the query of sc's own figures: the corp's row, or a store
// manager's store's.
func whole(sc Scope, p Period) app.StatsQuery {
	if sc.StoreID == 0 {
		return app.StatsQuery{CorpID: sc.CorpID, Dim: app.StatCorp, Keys: []string{""}, From: p.From, To: p.To}
	}
	return app.StatsQuery{CorpID: sc.CorpID, Dim: app.StatStore, StoreID: sc.StoreID, Keys: []string{strconv.FormatInt(sc.StoreID, 10)},
		From: p.From, To: p.To}
}

// totals are sc's figures summed over p.
func (s *Service) totals(ctx context.Context, sc Scope, p Period) (app.Figures, error) {
	rows, err := s.d.Stats.StatTotals(ctx, whole(sc, p))
	var f app.Figures
	for _, r := range rows {
		f.Add(r.Figures)
	}
	return f, err
}

// daily are sc's figures of each day of p (zero on a day with no row).
func (s *Service) daily(ctx context.Context, sc Scope, p Period) ([]app.Figures, error) {
	rows, err := s.d.Stats.DailyStats(ctx, whole(sc, p))
	at := map[string]int{}
	for i, d := range p.Dates() {
		at[d] = i
	}
	out := make([]app.Figures, p.Days)
	for _, r := range rows {
		if i, ok := at[r.Day]; ok {
			out[i].Add(r.Figures)
		}
	}
	return out, err
}

// byKey sums rows of the same key (a channel's adds across stores).
func byKey(rows []app.DailyStat) ([]string, map[string]*app.Figures) {
	var keys []string
	out := map[string]*app.Figures{}
	for _, r := range rows {
		if out[r.Key] == nil {
			keys = append(keys, r.Key)
			out[r.Key] = &app.Figures{}
		}
		out[r.Key].Add(r.Figures)
	}
	return keys, out
}

// storeNames names stores by id; one gone is 已删除的门店, 0 is none.
func (s *Service) storeNames(ctx context.Context, corpID int64, ids []int64) (func(int64) string, error) {
	ptrs := make([]*int64, len(ids))
	for i := range ids {
		ptrs[i] = &ids[i]
	}
	m, err := s.d.Names.Stores(ctx, corpID, ptrs)
	return func(id int64) string {
		switch {
		case id == 0:
			return "未归属门店"
		case m[id].Name == "":
			return "已删除的门店"
		}
		return m[id].Name
	}, err
}

// people names guides by userid; one without a name says so.
func (s *Service) people(ctx context.Context, corpID int64, userIDs []string) (func(string) string, error) {
	m, err := s.d.Names.People(ctx, corpID, userIDs)
	return func(u string) string {
		if m[u] == "" {
			return "未登记姓名的成员"
		}
		return m[u]
	}, err
}
