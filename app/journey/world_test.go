package journey_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/journey"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// world is a corp in Asia/Shanghai on a real database, whose rows (adds,
// owners, RFM changes) appear when the test clock passes their time, and
// whose journeys are ticked by services built on that clock.
type world struct {
	t     *testing.T
	cfg   config.Database
	d     *db.DB
	core  *root.Core
	corp  int64
	loc   *time.Location
	now   time.Time
	ctx   context.Context
	later []pending // rows not yet happened, by time
}

// pending is a row that appears at at; done receives its id.
type pending struct {
	at   time.Time
	q    string
	args []any
	done func(id int64)
}

func newWorld(t *testing.T, driver string, start time.Time) *world {
	cfg := testkit.DatabaseConfig(t, driver)
	w := &world{t: t, cfg: cfg, d: testkit.OpenMigrated(t, cfg), now: start, ctx: app.WithActor(context.Background(), "user:1")}
	w.loc, _ = time.LoadLocation("Asia/Shanghai")
	w.core = root.NewCore(w.d, testkit.Box(t), auth.Options{})
	c := &app.Corp{CorpID: testkit.RandomName("ww"), Name: "旅程测试", Timezone: "Asia/Shanghai"}
	require.NoError(t, w.core.Stores.Corps.CreateCorp(w.ctx, c))
	w.corp = c.ID
	st := app.Store{CorpID: c.ID, Code: "E", Name: "东门店"}
	require.NoError(t, w.core.Org.CreateStore(w.ctx, &st))
	for _, g := range []string{"g1", "g2"} {
		require.NoError(t, w.core.Org.CreateGuide(w.ctx, &app.Guide{CorpID: c.ID, UserID: g, StoreCode: "E"}))
	}
	return w
}

// service builds a journey service as a new instance would: its own
// database connections (the same database) and stores, on the test clock.
func (w *world) service() *journey.Service {
	d := testkit.OpenDB(w.t, w.cfg)
	core := root.NewCore(d, testkit.Box(w.t), auth.Options{})
	return journey.New(journey.Deps{Store: db.NewJourneyStore(d), Tasks: core.Todo, Zones: core.Stores.Corps, Audit: core.Audit,
		Log: testkit.Logger(w.t), Now: func() time.Time { return w.now }})
}

func (w *world) exec(q string, args ...any) int64 {
	res, err := w.d.SQL().Exec(q, args...)
	require.NoError(w.t, err, q)
	id, _ := res.LastInsertId()
	return id
}

// at schedules a row to appear at at.
func (w *world) at(at time.Time, done func(int64), q string, args ...any) {
	w.later = append(w.later, pending{at: at, q: q, args: args, done: done})
	sort.SliceStable(w.later, func(i, j int) bool { return w.later[i].at.Before(w.later[j].at) })
}

// moveTo sets the clock to t and writes the rows that happened by then.
func (w *world) moveTo(t time.Time) {
	w.now = t
	for len(w.later) > 0 && !w.later[0].at.After(t) {
		p := w.later[0]
		w.later = w.later[1:]
		id := w.exec(p.q, p.args...)
		if p.done != nil {
			p.done(id)
		}
	}
}

// local is the time of day hh:mm on date y-m-d in the corp's zone.
func (w *world) local(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, w.loc)
}
