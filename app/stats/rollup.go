package stats

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// rowKey names one row of a day: dimension, key and store.
type rowKey struct {
	dim, key string
	store    int64
}

// rollup sums a day's parts into its rows (see the package doc): guides
// by userid under their binding's store, stores by the figure's store,
// channels by channel and store, the corp over everything, and brands
// as the sum of their stores' rows. guides is each binding's store by
// userid, brands each store's brand. Rows whose figures are all zero are
// left out; the rest come in app.StatDims order, then key and store.
func rollup(parts []app.StatPart, guides map[string]int64, brands map[int64]int64) []app.DailyStat {
	r := roller{rows: map[rowKey]*app.Figures{}, seen: map[rowKey]map[int64]bool{}}
	for _, p := range parts {
		store := p.StoreID
		if p.GuideStore {
			store = guides[p.UserID]
		}
		if !p.ChannelOnly {
			r.add(rowKey{app.StatCorp, "", 0}, p)
			if p.UserID != "" {
				r.add(rowKey{app.StatGuide, p.UserID, guides[p.UserID]}, p)
			}
			if store != 0 {
				r.add(rowKey{app.StatStore, id(store), store}, p)
			}
		}
		if p.ChannelID != 0 {
			r.add(rowKey{app.StatChannel, id(p.ChannelID), store}, p)
		}
	}
	r.brands(brands)
	return r.sorted()
}

// roller accumulates rows; seen holds the orders each row has counted.
type roller struct {
	rows map[rowKey]*app.Figures
	seen map[rowKey]map[int64]bool
}

// add sums p's figures into row k, an order of p counted once per row.
func (r *roller) add(k rowKey, p app.StatPart) {
	f := r.rows[k]
	if f == nil {
		f = &app.Figures{}
		r.rows[k] = f
	}
	figs := p.Figures
	if p.OrderID != 0 && figs.Orders > 0 {
		if r.seen[k] == nil {
			r.seen[k] = map[int64]bool{}
		}
		if r.seen[k][p.OrderID] {
			figs.Orders = 0
		}
		r.seen[k][p.OrderID] = true
	}
	f.Add(figs)
}

// brands adds each store row into its brand's row.
func (r *roller) brands(brands map[int64]int64) {
	var stores []rowKey
	for k := range r.rows {
		if k.dim == app.StatStore {
			stores = append(stores, k)
		}
	}
	for _, k := range stores {
		b, ok := brands[k.store]
		if !ok {
			continue
		}
		bk := rowKey{app.StatBrand, id(b), 0}
		if r.rows[bk] == nil {
			r.rows[bk] = &app.Figures{}
		}
		r.rows[bk].Add(*r.rows[k])
	}
}

// sorted are the rows not all zero, in a stable order.
func (r *roller) sorted() []app.DailyStat {
	out := make([]app.DailyStat, 0, len(r.rows))
	for k, f := range r.rows {
		if *f != (app.Figures{}) {
			out = append(out, app.DailyStat{Dim: k.dim, Key: k.key, StoreID: k.store, Figures: *f})
		}
	}
	slices.SortFunc(out, func(a, b app.DailyStat) int {
		return cmp.Or(cmp.Compare(slices.Index(app.StatDims, a.Dim), slices.Index(app.StatDims, b.Dim)),
			cmp.Compare(a.Key, b.Key), cmp.Compare(a.StoreID, b.StoreID))
	})
	return out
}

func id(n int64) string { return strconv.FormatInt(n, 10) }
