package db_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// figuresFrom fills every field of a Figures with its own value (base,
// base+1, …), so a column read into the wrong field shows.
func figuresFrom(base int64) app.Figures {
	var f app.Figures
	v := reflect.ValueOf(&f).Elem()
	for i := range v.NumField() {
		v.Field(i).SetInt(base + int64(i))
	}
	return f
}

// The dashboards' reader returns the rows written, day by day, and sums a
// period per key and store as an independent Go sum of those rows does,
// a key's customers being those of the period's last computed day; a
// store manager's query reads their store's rows, another corp's never.
func TestStatsRead(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx, st := context.Background(), db.NewStatsReadStore(d)
		const corp, other = 7, 8
		var rows []app.DailyStat
		for i, day := range []string{"2024-04-30", "2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04"} {
			for j, g := range []struct {
				key   string
				store int64
			}{{"g1", 11}, {"g2", 12}, {"g3", 11}, {"g1", 12}} {
				if g.key == "g3" && day == "2024-05-03" {
					continue // g3 has no row on the last day: no customers left
				}
				rows = append(rows, app.DailyStat{CorpID: corp, Day: day, Dim: app.StatGuide, Key: g.key, StoreID: g.store,
					Figures: figuresFrom(int64(100*i + 10*j + 1))})
			}
		}
		testkit.InsertDailyStats(t, d, rows...)
		testkit.InsertDailyStats(t, d, app.DailyStat{CorpID: other, Day: "2024-05-02", Dim: app.StatGuide, Key: "g1", StoreID: 11, Figures: figuresFrom(5)},
			app.DailyStat{CorpID: corp, Day: "2024-05-02", Dim: app.StatStore, Key: "11", StoreID: 11, Figures: figuresFrom(9)})
		q := app.StatsQuery{CorpID: corp, Dim: app.StatGuide, From: "2024-05-01", To: "2024-05-03"}
		in := func(q app.StatsQuery) []app.DailyStat {
			var out []app.DailyStat
			for _, r := range rows {
				if r.Day >= q.From && r.Day <= q.To && (q.StoreID == 0 || r.StoreID == q.StoreID) && (q.Keys == nil || slices.Contains(q.Keys, r.Key)) {
					out = append(out, r)
				}
			}
			slices.SortStableFunc(out, func(a, b app.DailyStat) int { return compareText(a.Day+a.Key, b.Day+b.Key) })
			return out
		}

		t.Run("DailyStats", func(t *testing.T) {
			got, err := st.DailyStats(ctx, q)
			require.NoError(t, err)
			assert.Equal(t, in(q), got, "the period's rows as written, the days as yyyy-mm-dd")
			got, err = st.DailyStats(ctx, app.StatsQuery{CorpID: corp, Dim: app.StatGuide, From: "2024-05-01", To: "2024-05-03", StoreID: 12, Keys: []string{"g1"}})
			require.NoError(t, err)
			assert.Len(t, got, 3, "a store's rows of some keys")
		})
		t.Run("StatTotals", func(t *testing.T) {
			for _, q := range []app.StatsQuery{q, {CorpID: corp, Dim: app.StatGuide, From: "2024-05-01", To: "2024-05-03", StoreID: 11},
				{CorpID: corp, Dim: app.StatGuide, From: "2024-04-01", To: "2024-06-30", Keys: []string{"g3"}}} {
				got, err := st.StatTotals(ctx, q)
				require.NoError(t, err)
				assert.Equal(t, sumStats(in(q)), got, "%+v", q)
			}
			got, err := st.StatTotals(ctx, app.StatsQuery{CorpID: corp, Dim: app.StatGuide, From: "2024-06-01", To: "2024-06-30"})
			require.NoError(t, err)
			assert.Empty(t, got, "no rows in the period")
		})
		t.Run("LastComputedDay", func(t *testing.T) {
			_, err := d.SQL().Exec("INSERT INTO stats_days (corp_id, day, computed_at, duration_ms, row_count) VALUES (?, ?, ?, 1, 1)",
				corp, "2024-05-02", "2024-05-02 16:00:00")
			require.NoError(t, err)
			got, err := st.StatTotals(ctx, q)
			require.NoError(t, err)
			want := sumStats(in(q))
			for i := range want { // the last day computed is the 2nd: its customers, whatever the 3rd's rows say
				want[i].Customers = 0
				for _, r := range in(app.StatsQuery{From: "2024-05-02", To: "2024-05-02"}) {
					if r.Key == want[i].Key && r.StoreID == want[i].StoreID {
						want[i].Customers = r.Customers
					}
				}
			}
			assert.Equal(t, want, got)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			_, err := st.StatTotals(ctx, app.StatsQuery{CorpID: corp, Dim: app.StatGuide, From: "2024-05-01", To: "五月"})
			assert.Equal(t, app.EINVALID, app.ErrorCode(err))
		})
	})
}

// sumStats is StatTotals by hand: rows summed per key and store, the
// customers of each one's last day among the rows' days.
func sumStats(rows []app.DailyStat) []app.DailyStat {
	last := ""
	for _, r := range rows {
		last = max(last, r.Day)
	}
	var out []app.DailyStat
	for _, r := range rows {
		i := slices.IndexFunc(out, func(o app.DailyStat) bool { return o.Key == r.Key && o.StoreID == r.StoreID })
		if i < 0 {
			out = append(out, app.DailyStat{CorpID: r.CorpID, Dim: r.Dim, Key: r.Key, StoreID: r.StoreID})
			i = len(out) - 1
		}
		f := r.Figures
		f.Customers = 0
		if r.Day == last {
			f.Customers = r.Customers
		}
		out[i].Add(f)
	}
	slices.SortFunc(out, func(a, b app.DailyStat) int {
		if a.Key != b.Key {
			return compareText(a.Key, b.Key)
		}
		return int(a.StoreID - b.StoreID)
	})
	return out
}

func compareText(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Credited revenue reads per day, team and store for one rule version;
// the asset snapshot is the latest on or before the day asked.
func TestStatsReadCreditsAndAssets(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx, st := context.Background(), db.NewStatsReadStore(d)
		const corp = 3
		credits := []app.DailyCredit{{RulesID: 1, Day: "2024-05-01", Team: app.TeamOnline, StoreID: 0, Orders: 1, SalesCents: 500},
			{RulesID: 1, Day: "2024-05-01", Team: app.TeamStore, StoreID: 11, Orders: 2, SalesCents: 900, RefundCents: 100},
			{RulesID: 1, Day: "2024-05-02", Team: app.TeamStore, StoreID: 12, Orders: 3, SalesCents: 1200},
			{RulesID: 2, Day: "2024-05-02", Team: app.TeamStore, StoreID: 12, Orders: 9, SalesCents: 9900},
			{RulesID: 1, Day: "2024-05-09", Team: app.TeamStore, StoreID: 12, Orders: 1, SalesCents: 100}}
		testkit.InsertDailyCredits(t, d, corp, credits...)
		got, err := st.DailyCredits(ctx, corp, 1, 0, "2024-05-01", "2024-05-02")
		require.NoError(t, err)
		assert.Equal(t, credits[:3], got)
		got, err = st.DailyCredits(ctx, corp, 1, 12, "2024-05-01", "2024-05-31")
		require.NoError(t, err)
		assert.Equal(t, []app.DailyCredit{credits[2], credits[4]}, got, "one store's")

		assets := []app.AssetCount{{Day: "2024-05-01", StoreID: 11, Class: app.RFMValue, Stage: app.StageMature, Members: 4},
			{Day: "2024-05-03", StoreID: 0, Class: app.RFMNew, Stage: app.StageIntro, Members: 2},
			{Day: "2024-05-03", StoreID: 11, Class: app.RFMLost, Stage: app.StageChurned, Members: 3},
			{Day: "2024-05-03", StoreID: 11, Class: app.RFMValue, Stage: app.StageMature, Members: 5}}
		testkit.InsertAssets(t, d, corp, assets...)
		for _, c := range []struct {
			name  string
			store int64
			day   string
			want  []app.AssetCount
		}{{"Latest", 0, "2024-05-31", assets[1:]}, {"OneStore", 11, "2024-05-03", assets[2:]}, {"Earlier", 0, "2024-05-02", assets[:1]},
			{"None", 0, "2024-04-30", nil}} {
			t.Run(c.name, func(t *testing.T) {
				got, err := st.Assets(ctx, corp, c.store, c.day)
				require.NoError(t, err)
				assert.Equal(t, c.want, got)
			})
		}
	})
}
