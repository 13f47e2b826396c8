package seed_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/dashboard"
)

// checkAssetsPage holds 客户资产 for the corp and for one store (a store
// manager's: members whose home store is theirs) over each period: the
// RFM class and lifecycle stage tables (members, share, the total) and
// their charts against active members counted by the test's SQL over
// member_rfm, the snapshot being the last day's; and 流失, day by day
// (ends, removals, customers, churn rate) and its chart, against the
// expected rows of each day.
func checkAssetsPage(t *testing.T, dash *dashboard.Service, x *expect, s seeded, store int64) {
	for _, sc := range []dashboard.Scope{{CorpID: s.corp.ID}, {CorpID: s.corp.ID, StoreID: store}} {
		classes, stages := memberCounts(x, sc.StoreID)
		for _, p := range periodsOf(s) {
			page, err := dash.Assets(context.Background(), sc, p)
			require.NoError(t, err)
			assert.Equal(t, s.to, page.Day, "客户资产: the last day's snapshot")
			assert.False(t, page.NoSnapshot || page.NoChurnData)
			checkShares(t, "客户资产 RFM", page.Classes, classes)
			checkShares(t, "客户资产 生命周期", page.Stages, stages)
			assert.Equal(t, column(page.Classes, 0), page.ClassChart.Series[0].Data, "RFM chart")
			assert.Equal(t, column(page.Stages, 0), page.Funnel.Series[0].Data, "lifecycle funnel")
			checkChurn(t, page, x, sc.StoreID, p)
		}
	}
}

// memberCounts are the active members (of store's home store, when set)
// by RFM class and by lifecycle stage.
func memberCounts(x *expect, store int64) (classes, stages map[string]int64) {
	classes, stages = map[string]int64{}, map[string]int64{}
	q := `SELECT r.class, r.stage, COUNT(*) FROM member_rfm r JOIN members m ON m.corp_id = r.corp_id AND m.id = r.member_id
		WHERE r.corp_id = ? AND m.status = 'active' AND (? = 0 OR m.home_store_id = ?) GROUP BY r.class, r.stage`
	x.scan(q, []any{x.corp, store, store}, 2, func(k []string, n []int64) {
		classes[k[0]] += n[0]
		stages[k[1]] += n[0]
	})
	return classes, stages
}

// checkShares holds a table of members and their share of all against
// want by key: a row for every key of want (the others empty), and the
// total.
func checkShares(t *testing.T, name string, tb dashboard.Table, want map[string]int64) {
	t.Helper()
	var all int64
	for _, n := range want {
		all += n
	}
	require.NotZero(t, all, "%s: members counted", name)
	seen := map[string]bool{}
	for _, r := range tb.Rows {
		seen[r.Key] = true
		n := want[r.Key]
		assert.Equal(t, []dashboard.Cell{dashboard.Of(float64(n)), dashboard.Of(float64(n) / float64(all))}, r.Cells, "%s %s", name, r.Key)
	}
	for k := range want {
		assert.True(t, seen[k], "%s: a row of %s", name, k)
	}
	if assert.NotNil(t, tb.Total, name) {
		assert.Equal(t, []dashboard.Cell{dashboard.Of(float64(all)), dashboard.Of(1)}, tb.Total.Cells, "%s total", name)
	}
}

// column is the values of t's column i, row by row (0 for no value).
func column(t dashboard.Table, i int) []float64 {
	out := make([]float64, len(t.Rows))
	for j, r := range t.Rows {
		out[j] = r.Cells[i].V
	}
	return out
}

// checkChurn holds 流失's row of each day of p, and its chart, against
// the expected rows of the corp (or of store).
func checkChurn(t *testing.T, page *dashboard.AssetsPage, x *expect, store int64, p dashboard.Period) {
	t.Helper()
	dim, key := app.StatCorp, ""
	if store != 0 {
		dim, key = app.StatStore, id(store)
	}
	rows := x.of(dim)
	require.Len(t, page.Churn.Rows, p.Days, "流失: a row a day")
	var ends, rates []float64
	for i, d := range p.Dates() {
		f, r := rows[rowKey{d, dim, key, store}], page.Churn.Rows[i]
		require.Equal(t, d, r.Key, "流失 row %d", i)
		rate := dashboard.Cell{}
		if f.Customers != 0 {
			rate = dashboard.Of(float64(f.Ends) / float64(f.Customers))
		}
		want := []dashboard.Cell{dashboard.Of(float64(f.Ends)), dashboard.Of(float64(f.Removals)), dashboard.Of(float64(f.Customers)), rate}
		assert.Equal(t, want, r.Cells, "流失 %s (store %d)", d, store)
		ends, rates = append(ends, float64(f.Ends)), append(rates, 100*rate.V)
	}
	assert.NotZero(t, sum(ends), "流失: customers ended in the period")
	require.Len(t, page.ChurnChart.Series, 2)
	assert.Equal(t, ends, page.ChurnChart.Series[0].Data, "流失 chart: ends")
	assert.InDeltaSlice(t, rates, page.ChurnChart.Series[1].Data, 1e-9, "流失 chart: churn rate in percent")
}

func sum(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s
}
