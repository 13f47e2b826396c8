package db_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// cumWorld is 40 days of random daily_stats rows of one corp (keys come
// and go, one day has no rows, one day was never computed), the days
// computed, and the reader under test.
type cumWorld struct {
	d        *db.DB
	st       *db.StatsStore
	read     *db.StatsReadStore
	rows     []app.DailyStat
	days     []string
	computed map[string]bool
}

const cumCorp = 21

func newCumWorld(t *testing.T, d *db.DB) *cumWorld {
	w := &cumWorld{d: d, st: db.NewStatsStore(d), read: db.NewStatsReadStore(d), computed: map[string]bool{}}
	r := rand.New(rand.NewPCG(3, 5))
	first := time.Date(2024, 4, 20, 0, 0, 0, 0, time.UTC)
	for i := range 40 {
		day := first.AddDate(0, 0, i).Format(time.DateOnly)
		w.days = append(w.days, day)
		if i != 17 {
			w.computed[day] = true
			_, err := d.SQL().Exec("INSERT INTO stats_days (corp_id, day, computed_at, duration_ms, row_count) VALUES (?, ?, ?, 1, 1)",
				cumCorp, day, "2024-06-01 00:00:00")
			require.NoError(t, err)
		}
		if i == 11 || i == 17 {
			continue // no rows: a quiet day, and the day never computed
		}
		w.rows = append(w.rows, randomDay(r, day)...)
	}
	testkit.InsertDailyStats(t, d, w.rows...)
	return w
}

// randomDay is a day's rows: the corp's, and a random half of five
// guides in two stores and of three stores.
func randomDay(r *rand.Rand, day string) []app.DailyStat {
	out := []app.DailyStat{{CorpID: cumCorp, Day: day, Dim: app.StatCorp, Figures: figuresFrom(r.Int64N(50))}}
	for _, g := range []string{"g1", "g2", "g3", "g4", "g5"} {
		for _, store := range []int64{11, 12} {
			if r.IntN(2) == 0 {
				out = append(out, app.DailyStat{CorpID: cumCorp, Day: day, Dim: app.StatGuide, Key: g, StoreID: store, Figures: figuresFrom(r.Int64N(50))})
			}
		}
	}
	for _, store := range []int64{11, 12, 13} {
		if r.IntN(2) == 0 {
			out = append(out, app.DailyStat{CorpID: cumCorp, Day: day, Dim: app.StatStore, Key: strconv.FormatInt(store, 10), StoreID: store, Figures: figuresFrom(r.Int64N(50))})
		}
	}
	return out
}

// carry marks the corp's days stale from day and carries them all.
func (w *cumWorld) carry(t *testing.T, from string) {
	ctx := context.Background()
	require.NoError(t, w.d.InTx(ctx, func(ctx context.Context) error { return w.st.MarkCumsStale(ctx, cumCorp, from) }))
	for more, n := true, 0; more; n++ {
		require.Less(t, n, 100, "carrying ends")
		require.NoError(t, w.d.InTx(ctx, func(ctx context.Context) (err error) {
			more, err = w.st.CarryCums(ctx, cumCorp)
			return err
		}))
	}
}

// want is StatTotals by hand: the rows of q's days summed per key and
// store, with customers of the period's last computed day.
func (w *cumWorld) want(q app.StatsQuery) []app.DailyStat {
	last := ""
	for _, day := range w.days {
		if w.computed[day] && day >= q.From && day <= q.To {
			last = day
		}
	}
	var in []app.DailyStat
	for _, r := range w.rows {
		if r.Dim == q.Dim && r.Day >= q.From && r.Day <= q.To && (q.StoreID == 0 || r.StoreID == q.StoreID) {
			in = append(in, r)
		}
	}
	out := sumStats(in)
	for i := range out {
		out[i].Customers = 0
		for _, r := range in {
			if r.Day == last && r.Key == out[i].Key && r.StoreID == out[i].StoreID {
				out[i].Customers = r.Customers
			}
		}
	}
	return out
}

// check compares StatTotals with want over every period of up to 40
// days starting on every third day, each dimension, and store 11.
func (w *cumWorld) check(t *testing.T) {
	t.Helper()
	for i := 0; i < len(w.days); i += 3 {
		for _, n := range []int{1, 7, 15, 40} {
			to := w.days[min(i+n-1, len(w.days)-1)]
			for _, q := range []app.StatsQuery{{Dim: app.StatCorp}, {Dim: app.StatGuide}, {Dim: app.StatStore}, {Dim: app.StatGuide, StoreID: 11}} {
				q.CorpID, q.From, q.To = cumCorp, w.days[i], to
				got, err := w.read.StatTotals(context.Background(), q)
				require.NoError(t, err)
				if want := w.want(q); len(want) == 0 {
					assert.Empty(t, got, "%+v", q)
				} else {
					assert.Equal(t, want, got, "%+v", q)
				}
			}
		}
	}
}

// marks reads the corp's stale and carried days ("" for NULL).
func (w *cumWorld) marks(t *testing.T) (stale, carried string) {
	var s, c *string
	require.NoError(t, w.d.SQL().QueryRow("SELECT CAST(stale_from AS CHAR), CAST(carried_to AS CHAR) FROM stat_cum_marks WHERE corp_id = ?",
		cumCorp).Scan(&s, &c))
	if s != nil {
		stale = (*s)[:10]
	}
	if c != nil {
		carried = (*c)[:10]
	}
	return stale, carried
}

// A period's totals are the same whether summed from the days' rows or
// read from the running totals: before any carry, once carried, with a
// day replaced and marked stale (the days' rows answer until the carry
// catches up), and after it. Once carried they are read from the running
// totals alone: a day's rows deleted from daily_stats behind the
// carrier's back do not change them.
func TestStatCums(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		w := newCumWorld(t, d)
		w.check(t) // no marks: summed from the days' rows
		w.carry(t, w.days[5])
		w.carry(t, w.days[0]) // a day before the first carried moves the start back
		stale, carried := w.marks(t)
		assert.Equal(t, "", stale, "nothing stale once carried")
		assert.Equal(t, w.days[len(w.days)-1], carried, "carried to the last computed day")
		w.check(t)

		r := rand.New(rand.NewPCG(9, 9))
		day := w.days[20]
		w.rows = slices.DeleteFunc(w.rows, func(s app.DailyStat) bool { return s.Day == day })
		_, err := d.SQL().Exec("DELETE FROM daily_stats WHERE corp_id = ? AND day = ?", cumCorp, day)
		require.NoError(t, err)
		fresh := randomDay(r, day)
		testkit.InsertDailyStats(t, d, fresh...)
		w.rows = append(w.rows, fresh...)
		require.NoError(t, d.InTx(context.Background(), func(ctx context.Context) error { return w.st.MarkCumsStale(ctx, cumCorp, day) }))
		stale, _ = w.marks(t)
		assert.Equal(t, day, stale)
		w.check(t) // stale from day 20: periods ending on or after it are summed
		w.carry(t, day)
		w.check(t)

		_, err = d.SQL().Exec("DELETE FROM daily_stats WHERE corp_id = ? AND day = ?", cumCorp, w.days[30])
		require.NoError(t, err)
		w.check(t) // w.rows still has day 30's rows: only the running totals do
	})
}
