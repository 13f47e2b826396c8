package seed_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/dashboard"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// testSize is the acceptance test's corp: 90 days of 1,500 customers
// (about 15,000 touches and 1,600 orders) on MariaDB; 30 days of 600 on
// SQLite, whose pure-Go driver under -race is ten times slower (the
// ledgers are read day by day, so days cost most).
func testSize(d *db.DB) (customers, days int) {
	if d.Dialect() == config.DriverSQLite {
		return 600, 30
	}
	return 1500, 90
}

// TestDashboardFigures is the dashboards' acceptance test: 90 days (30 on SQLite)
// generated, aggregated day by day as the nightly run does, and then
// every figure the dashboards read — each day's row of every dimension,
// the period totals (a store manager's too), the credited revenue of
// each rule version and the asset snapshot, and every figure of the page
// models (客户资产, 裂变 and 提升效果 among them) — equal to the same
// figure computed by the test's own SQL straight from the ledgers.
func TestDashboardFigures(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Now().UTC().Truncate(time.Millisecond)
		customers, days := testSize(d)
		s := seedCorp(t, d, customers, days, "")
		agg := aggregator(t, d)
		agg.Clock = func() time.Time { return now }
		r := &dashRig{d: d, s: s}
		start := time.Now()
		require.NoError(t, agg.Compute(ctx, s.corp.ID, r.days()))
		t.Logf("seeded in %s, aggregated %d days in %s", s.rep.Elapsed.Round(time.Millisecond), days, time.Since(start).Round(time.Millisecond))
		start = time.Now()
		x := expectAll(t, d, s, now)
		t.Logf("expected figures from the ledgers in %s", time.Since(start).Round(time.Millisecond))
		rd := db.NewStatsReadStore(d)
		for _, dim := range app.StatDims {
			rows, err := rd.DailyStats(ctx, app.StatsQuery{CorpID: s.corp.ID, Dim: dim, From: s.from, To: s.to})
			require.NoError(t, err)
			got := map[rowKey]app.Figures{}
			for _, r := range rows {
				got[rowKey{r.Day, dim, r.Key, r.StoreID}] = r.Figures
			}
			sameRows(t, dim, x.of(dim), got)
		}
		store := checkTotals(t, rd, x, s)
		checkCredits(t, rd, x, s)
		checkAssets(t, d, rd, s)
		g := graph(t, d)
		checkPages(t, g.Dashboard, x, s, store)
		checkCreditsPage(t, g.Dashboard, x, s)
		start = time.Now()
		checkAssetsPage(t, g.Dashboard, x, s, store)
		checkReferralsPage(t, g.Dashboard, x, store)
		checkUpliftPage(t, g, x, s, store)
		t.Logf("checked 客户资产 and 裂变, measured the uplift and checked 提升效果 in %s", time.Since(start).Round(time.Millisecond))
	})
}

// of is the expected rows of dim.
func (x *expect) of(dim string) map[rowKey]app.Figures {
	out := map[rowKey]app.Figures{}
	for k, f := range x.rows {
		if k.dim == dim {
			out[k] = *f
		}
	}
	return out
}

// sameRows fails t with the first differences between want and got,
// named by day and key, rather than two maps of thousands of rows.
func sameRows(t *testing.T, what string, want, got map[rowKey]app.Figures) {
	t.Helper()
	var diffs []string
	for k, w := range want {
		if g, ok := got[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("missing %v: want %+v", k, w))
		} else if g != w {
			diffs = append(diffs, fmt.Sprintf("%v: %s", k, figureDiff(w, g)))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("unexpected %v: %+v", k, g))
		}
	}
	sort.Strings(diffs)
	assert.Empty(t, diffs[:min(len(diffs), 8)], "%s: %d of %d rows differ", what, len(diffs), len(want))
	assert.NotEmpty(t, want, "%s has rows", what)
}

// figureDiff names the figures that differ, want≠got.
func figureDiff(want, got app.Figures) string {
	var out []string
	w, g := reflect.ValueOf(want), reflect.ValueOf(got)
	for i := range w.NumField() {
		if a, b := w.Field(i).Int(), g.Field(i).Int(); a != b {
			out = append(out, fmt.Sprintf("%s %d≠%d", w.Type().Field(i).Name, a, b))
		}
	}
	return strings.Join(out, ", ")
}

// checkTotals holds the period totals of every dimension, and of the
// first store alone (a store manager's view), over every day and over
// their last third, against the expected rows summed over the period's
// days, customers being its last day's.
func checkTotals(t *testing.T, rd *db.StatsReadStore, x *expect, s seeded) int64 {
	var store int64
	for k := range x.rows {
		if k.dim == app.StatStore && (store == 0 || k.store < store) {
			store = k.store
		}
	}
	for _, p := range periodsOf(s) {
		for _, dim := range app.StatDims {
			for _, only := range []int64{0, store} {
				if only == 0 || (dim != app.StatCorp && dim != app.StatBrand) { // a store's view has no corp or brand rows
					checkTotal(t, rd, x, app.StatsQuery{CorpID: s.corp.ID, Dim: dim, StoreID: only, From: p.From, To: p.To})
				}
			}
		}
	}
	return store
}

// checkTotal holds q's totals against the expected rows, keyed as a
// page's rows are: a channel's rows of each store summed, as 渠道效果
// sums them.
func checkTotal(t *testing.T, rd *db.StatsReadStore, x *expect, q app.StatsQuery) {
	want := map[rowKey]app.Figures{}
	for k, f := range x.total(q.Dim, q.StoreID, dashboard.Period{From: q.From, To: q.To}) {
		want[rowKey{key: k}] = f
	}
	rows, err := rd.StatTotals(context.Background(), q)
	require.NoError(t, err)
	got := map[rowKey]app.Figures{}
	for _, r := range rows {
		k := r.Key
		if q.Dim == app.StatGuide {
			k += "@" + id(r.StoreID)
		}
		g := got[rowKey{key: k}]
		g.Add(r.Figures)
		got[rowKey{key: k}] = g
	}
	sameRows(t, fmt.Sprintf("totals of %s (store %d) %s–%s", q.Dim, q.StoreID, q.From, q.To), want, got)
}

// checkCredits holds each rule version's credited revenue per day, team
// and store against the expected daily credits.
func checkCredits(t *testing.T, rd *db.StatsReadStore, x *expect, s seeded) {
	want := map[int64][]app.DailyCredit{}
	for _, c := range x.credits {
		want[c.RulesID] = append(want[c.RulesID], *c)
	}
	require.Len(t, want, 2, "credits of the rules of record and of the version before")
	for rules, w := range want {
		got, err := rd.DailyCredits(context.Background(), s.corp.ID, rules, 0, s.from, s.to)
		require.NoError(t, err)
		assert.ElementsMatch(t, w, got, "daily credits of rules %d", rules)
	}
}

// checkAssets holds the asset snapshot of the last day (computed as
// yesterday) against active members counted by home store, class and
// stage.
func checkAssets(t *testing.T, d *db.DB, rd *db.StatsReadStore, s seeded) {
	x := newExpect(t, d, s.corp.ID, time.Now())
	var want []app.AssetCount
	x.scan(`SELECT r.class, r.stage, COALESCE(m.home_store_id, 0), COUNT(*) FROM member_rfm r
		JOIN members m ON m.corp_id = r.corp_id AND m.id = r.member_id
		WHERE r.corp_id = ? AND m.status = 'active' GROUP BY r.class, r.stage, m.home_store_id`, []any{s.corp.ID}, 2, func(k []string, n []int64) {
		want = append(want, app.AssetCount{Day: s.to, StoreID: n[0], Class: k[0], Stage: k[1], Members: n[1]})
	})
	got, err := rd.Assets(context.Background(), s.corp.ID, 0, s.to)
	require.NoError(t, err)
	assert.NotEmpty(t, want)
	assert.ElementsMatch(t, want, got, "asset snapshot")
}
