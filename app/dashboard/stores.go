package dashboard

import (
	"context"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// StoreOrder is 门店对比's default order: net credited revenue, most
// first.
var StoreOrder = Order{Sort: "revenue", Desc: true}

// Stores is 门店对比: stores (by "store") or brands (by "brand", the
// corp's view only) side by side over p, ranked by o, with bars of
// adds, 流失 and net and a line of revenue.
func (s *Service) Stores(ctx context.Context, sc Scope, p Period, by string, o Order) (*RankPage, error) {
	dim, head := app.StatStore, "门店"
	switch {
	case by == app.StatBrand && sc.StoreID == 0:
		dim, head = app.StatBrand, "品牌"
	case by != app.StatStore && by != "":
		return nil, app.FieldInvalid("by", "对比维度应为门店或品牌（店长只能看本门店）")
	}
	rows, err := s.d.Stats.StatTotals(ctx, app.StatsQuery{CorpID: sc.CorpID, Dim: dim, StoreID: sc.StoreID, From: p.From, To: p.To})
	if err != nil {
		return nil, err
	}
	keys, figs := byKey(rows)
	name, err := s.keyNames(ctx, sc.CorpID, dim, keys)
	if err != nil {
		return nil, err
	}
	t := Table{Key: "stores", Title: "门店对比", Heads: []string{head}, Columns: StoreColumns}
	var sum app.Figures
	for _, k := range keys {
		t.Rows = append(t.Rows, rowOf(k, []string{name(k)}, *figs[k], StoreColumns))
		sum.Add(*figs[k])
	}
	total := rowOf("", []string{"合计"}, sum, StoreColumns)
	t.Total = &total
	if err := t.rank(o); err != nil {
		return nil, err
	}
	return &RankPage{Period: p, Table: t, Chart: barsOf(t, head+"对比（本页）", "adds", "ends", "net", "revenue"), More: t.More(o)}, nil
}

// keyNames names the keys of dim: stores or brands by id.
func (s *Service) keyNames(ctx context.Context, corpID int64, dim string, keys []string) (func(string) string, error) {
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i], _ = strconv.ParseInt(k, 10, 64)
	}
	if dim == app.StatStore {
		name, err := s.storeNames(ctx, corpID, ids)
		return func(k string) string { id, _ := strconv.ParseInt(k, 10, 64); return name(id) }, err
	}
	brands := map[string]string{}
	err := eachPage(func(p app.Page) (int64, error) {
		bs, next, err := s.d.Brands.ListBrands(ctx, corpID, p)
		for _, b := range bs {
			brands[strconv.FormatInt(b.ID, 10)] = b.Name
		}
		return next, err
	})
	return func(k string) string {
		if brands[k] == "" {
			return "已删除的品牌"
		}
		return brands[k]
	}, err
}

// eachPage reads every page of a list, MaxPageSize at a time.
func eachPage(read func(p app.Page) (int64, error)) error {
	p := app.Page{Limit: app.MaxPageSize}
	for {
		next, err := read(p)
		if err != nil || next == 0 {
			return err
		}
		p.After = next
	}
}
