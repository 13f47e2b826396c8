package journey_test

import (
	"math/rand/v2"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/journey"
)

// Journey indexes of the acceptance test.
const (
	jAdded = iota
	jBirthday
	jHoliday
	jStage
	jMemberDay
)

// TestJourneysSixtyDays runs five journeys over 60 days in Asia/Shanghai
// (day N after add with adds either side of midnight, birthdays with a
// 29 February, 春节, stage changes, member day), ticking at irregular
// gaps, restarting the service, running two instances at once, pausing,
// resuming and editing a journey; every fire and guide task must be the
// model's, once.
func TestJourneysSixtyDays(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) { runSixtyDays(t, driver) })
	}
}

func runSixtyDays(t *testing.T, driver string) {
	w := newWorld(t, driver, time.Time{})
	t0 := w.local(2027, 1, 20, 9, 0)
	w.now = t0
	m := &model{ids: map[int]int64{}, paused: map[int][][2]time.Time{}, fired: map[string]want{}}
	svc := w.service()
	createJourneys(t, w, m, svc, t0)
	addCustomers(w, m)

	edit, restart := w.local(2027, 2, 19, 12, 0), w.local(2027, 2, 9, 3, 17)
	status := func(j int, st string) func() {
		return func() {
			_, err := svc.SetStatus(w.ctx, w.corp, m.ids[j], "user:1", st)
			require.NoError(t, err)
		}
	}
	// The stage journey pauses over an evening (its 18:00 steps fire late
	// on resume, within the window); member day pauses over the 15th for
	// two days (February's step is past the window on resume: never fired).
	pauses := map[int][2]time.Time{jStage: {w.local(2027, 2, 10, 8, 0), w.local(2027, 2, 10, 20, 0)},
		jMemberDay: {w.local(2027, 2, 14, 12, 0), w.local(2027, 2, 16, 12, 0)}}
	events := map[time.Time]func(){edit: func() { editAdded(t, w, m, svc, edit) }}
	for j, p := range pauses {
		m.paused[j] = append(m.paused[j], p)
		events[p[0]], events[p[1]] = status(j, app.JourneyPaused), status(j, app.JourneyActive)
	}
	ticks := tickTimes(t0, t0.AddDate(0, 0, 60), restart, events)
	var other *journey.Service
	for i, at := range ticks {
		w.moveTo(at)
		m.tick(at, w.loc)
		if at.Equal(restart) {
			svc, other = w.service(), svc // a new instance; the old one keeps running beside it
		}
		tickOnce(t, w, svc, other, i)
		if ev := events[at]; ev != nil {
			ev()
		}
	}
	compare(t, w, m)
}

// tickOnce ticks the corp: after the restart, every fifth tick on two
// instances at once.
func tickOnce(t *testing.T, w *world, svc, other *journey.Service, i int) {
	if other == nil || i%5 != 0 {
		require.NoError(t, svc.Tick(w.ctx, w.corp))
		return
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for k, s := range []*journey.Service{svc, other} {
		wg.Add(1)
		go func() { defer wg.Done(); errs[k] = s.Tick(w.ctx, w.corp) }()
	}
	wg.Wait()
	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
}

// tickTimes are ticks 1 to 7 hours apart from start to end, plus the
// restart and the events' instants.
func tickTimes(start, end, restart time.Time, events map[time.Time]func()) []time.Time {
	rng := rand.New(rand.NewPCG(13, 5))
	ts := []time.Time{restart}
	for e := range events {
		ts = append(ts, e)
	}
	for at := start; at.Before(end); at = at.Add(time.Hour + time.Duration(rng.IntN(6*60))*time.Minute) {
		ts = append(ts, at)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	return ts
}
