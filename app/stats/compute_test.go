package stats_test

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/stats"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// world is two corps on one database, one in Shanghai and one in New
// York, whose daylight saving starts on the middle day (a 23-hour day),
// each with its fixture; the service computes at noon UTC on the last
// day, which is "today" in both zones.
type world struct {
	d        *db.DB
	svc      *stats.Service
	fixtures []*fixture
}

var worldNow = time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC)

func newWorld(t *testing.T, d *db.DB) *world {
	ctx, corps := context.Background(), db.NewCorpStore(d, testkit.Box(t))
	st := db.NewStatsStore(d)
	w := &world{d: d, svc: stats.New(stats.Deps{Tx: d, Ledgers: st, Aggregates: st, Corps: corps, Guides: db.NewOrgStore(d)})}
	w.svc.Clock = func() time.Time { return worldNow }
	for i, zone := range []string{"Asia/Shanghai", "America/New_York"} {
		c := &app.Corp{CorpID: "ww_stats" + zone[:4], Name: "连锁" + zone, Timezone: zone}
		require.NoError(t, corps.CreateCorp(ctx, c))
		f := newFixture(uint64(11+i), app.ZoneNamed(zone), "2026-03-07", worldNow)
		f.fill(t, d, c)
		w.fixtures = append(w.fixtures, f)
	}
	return w
}

// check compares every table of every day with the fixture's expected
// figures; today and yesterday have an asset snapshot, the first day none.
func (w *world) check(t *testing.T) {
	t.Helper()
	for _, f := range w.fixtures {
		for i, day := range f.days {
			assert.Equal(t, f.expect(day), storedRows(t, w.d, f.corpID, day), "daily_stats of %s in %s", day, f.loc)
			assert.Equal(t, f.expectCredits(day), storedCredits(t, w.d, f.corpID, day), "daily_credits of %s in %s", day, f.loc)
			if i == 0 {
				assert.Empty(t, storedAssets(t, w.d, f.corpID, day), "a past day's snapshot is never written")
			} else {
				assert.Equal(t, f.expectAssets(day), storedAssets(t, w.d, f.corpID, day), "asset snapshot of %s in %s", day, f.loc)
			}
		}
	}
}

// The aggregates of two corps over three days, on one database per
// dialect (creating one on MariaDB is what a test pays most for).
func TestAggregates(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		t.Run("MatchesDefinitions", func(t *testing.T) { matchesDefinitions(t, w) })
		t.Run("Rebuild", func(t *testing.T) { rebuild(t, w) })
		t.Run("Due", func(t *testing.T) { due(t, w) })
		t.Run("Idempotent", func(t *testing.T) { idempotent(t, w) })
	})
}

// Every figure of every dimension, on days in two zones, equals the
// definitions computed from the rows the test inserted; the 23:30 add of
// the first day is on that day in both zones (in New York it is the next
// day in UTC).
func matchesDefinitions(t *testing.T, w *world) {
	for _, f := range w.fixtures {
		require.NoError(t, w.svc.Compute(context.Background(), f.corpID, f.days))
	}
	w.check(t)
	for _, f := range w.fixtures {
		edge := key{"channel", itoa(edgeChannel), f.stores[0]}
		assert.Equal(t, int64(1), storedRows(t, w.d, f.corpID, f.days[0])[edge].Adds, "the 23:30 add is on its local day in %s", f.loc)
		assert.NotContains(t, storedRows(t, w.d, f.corpID, f.days[1]), edge)
		covers(t, f)
	}
}

// covers fails when the fixture leaves a figure zero, or a dimension
// without rows, over its days: the comparison would prove nothing of it.
func covers(t *testing.T, f *fixture) {
	var all app.Figures
	dims := map[string]bool{}
	for _, day := range f.days {
		for k, fig := range f.expect(day) {
			all.Add(fig)
			dims[k.dim] = true
		}
	}
	v := reflect.ValueOf(all)
	for i := range v.NumField() {
		assert.NotZero(t, v.Field(i).Int(), "the fixture has no %s", v.Type().Field(i).Name)
	}
	assert.Len(t, dims, len(app.StatDims), "rows of every dimension")
}

// Computing again changes nothing; workers computing the same days at
// once leave the same rows; a row added to a ledger shows once its day is
// recomputed, the day's rows replaced, not added to.
func idempotent(t *testing.T, w *world) {
	ctx, d, f := context.Background(), w.d, w.fixtures[1]
	require.NoError(t, w.svc.Compute(ctx, f.corpID, f.days))
	before := dump(t, d, f.corpID)
	require.NoError(t, w.svc.Compute(ctx, f.corpID, f.days))
	assert.Equal(t, before, dump(t, d, f.corpID), "a second computation")

	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Go(func() { errs[i] = w.svc.Compute(ctx, f.corpID, f.days) })
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, before, dump(t, d, f.corpID), "three workers at once")
	totalsAgree(t, d, f)

	y, m, dd := f.first.AddDate(0, 0, 1).Date()
	tc := touchRow{kind: "add", userID: "g3", store: ptr(f.stores[1]), channel: ptr(int64(101)), at: time.Date(y, m, dd, 23, 30, 0, 0, f.loc).UTC()}
	tc.id = insertRow(t, d.SQL(), "touches", "corp_id", f.corpID, "kind", "add", "source_id", "late", "userid", tc.userID, "store_id", tc.store,
		"channel_id", tc.channel, "at", tc.at, "created_at", tc.at)
	f.touches = append(f.touches, tc)
	require.NoError(t, w.svc.Compute(ctx, f.corpID, f.days[1:2]))
	assert.Equal(t, f.expect(f.days[1]), storedRows(t, d, f.corpID, f.days[1]))
	totalsAgree(t, d, f)
}
