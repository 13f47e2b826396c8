package stats_test

import (
	"math/rand/v2"
	"time"
)

// The fixture is a few days of one corp's ledgers, drawn at random (but
// seeded) around three local days, with rows placed on the days' edges
// in the corp's zone: at 00:00:00.000, 23:30 and 23:59:59.999 local,
// and outside the days. Its rows are what the test inserts, and what the
// expected figures are computed from, in plain loops (expect_test.go).
type fixture struct {
	corpID   int64
	loc      *time.Location
	days     []string  // the three days computed, oldest first
	first    time.Time // the first day's local midnight
	end      time.Time // the day after the last, local midnight
	now      time.Time // the computing time
	stores   []int64
	brandOf  map[int64]int64  // store → brand
	guideOf  map[string]int64 // userid → store of the binding
	touches  []touchRow
	ends     []endRow
	welcomes []welcomeRow
	tasks    []taskRow
	chunks   []chunkRow
	recips   []recipRow
	fires    []fireRow
	rules    []ruleRow
	orders   []orderRow
	credits  []creditRow
	helps    []helpRow
	follows  []followRow
	behavior []behaviorRow
	members  []memberRow
	r        *rand.Rand
}

type touchRow struct {
	id      int64
	kind    string
	userID  string
	store   *int64
	channel *int64
	member  *int64
	at      time.Time
}

type endRow struct {
	userID, by string
	store      int64
	at         time.Time
}

type welcomeRow struct {
	userID, status string
	channel        *int64
	created        time.Time
}

type taskRow struct {
	userID, status string
	due, done      *time.Time
}

type chunkRow struct {
	userID    string
	confirmed bool
	created   time.Time
}

type recipRow struct {
	userID, excluded, result string
	planned                  time.Time
	resultAt                 *time.Time
}

type fireRow struct {
	owner, status string
	due           time.Time
}

type ruleRow struct {
	id, scope int64
	version   int
}

type orderRow struct {
	id       int64
	member   *int64
	kind     string
	refundOf *int64
	store    *int64
	amount   int64
	paid     time.Time
}

type creditRow struct {
	order, rules int64
	model        string
	line         int
	userID, team string
	store        *int64
	amount       int64
	paid         time.Time
}

type helpRow struct {
	userID   string
	store    *int64
	status   string
	credited *time.Time
}

type followRow struct {
	userID, external string
	added, deleted   *time.Time
}

type behaviorRow struct {
	userID, day                  string
	chat, msg, neg, apply, added int64
	replyPct, replyTime          *int64
}

type memberRow struct {
	id           int64
	status       string
	home         *int64
	class, stage string
	rfm          bool
}

// pick returns one of xs at random.
func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }

// ptr is a pointer to v.
func ptr[T any](v T) *T { return &v }

// maybe is v one time in two, else nil.
func maybe[T any](r *rand.Rand, v T) *T {
	if r.IntN(2) == 0 {
		return nil
	}
	return &v
}

// at is an instant around the fixture's days: a sixth of the time a day's
// edge in the corp's zone, else anywhere from six hours before the first
// day to six hours after the last, to the millisecond.
func (f *fixture) at() time.Time {
	if f.r.IntN(6) == 0 {
		d := f.first.AddDate(0, 0, f.r.IntN(len(f.days)+1))
		y, m, dd := d.Date()
		return pick(f.r, time.Date(y, m, dd, 0, 0, 0, 0, f.loc), time.Date(y, m, dd, 23, 30, 0, 0, f.loc),
			time.Date(y, m, dd, 23, 59, 59, int(999*time.Millisecond), f.loc), time.Date(y, m, dd-1, 23, 59, 59, int(999*time.Millisecond), f.loc)).UTC()
	}
	from, to := f.first.Add(-6*time.Hour), f.end.Add(6*time.Hour)
	return from.Add(time.Duration(f.r.Int64N(int64(to.Sub(from))))).UTC().Truncate(time.Millisecond)
}

// guide is a userid: a guide of a store, one who is no guide, or none
// when allowed.
func (f *fixture) guide(none bool) string {
	if none && f.r.IntN(6) == 0 {
		return ""
	}
	return pick(f.r, "g1", "g2", "g3", "g4", "x9")
}

// store is one of the stores, or none.
func (f *fixture) store() *int64 {
	if f.r.IntN(5) == 0 {
		return nil
	}
	return ptr(pick(f.r, f.stores...))
}

// channel is one of two channels, or none.
func (f *fixture) channel() *int64 {
	if f.r.IntN(3) == 0 {
		return nil
	}
	return ptr(pick(f.r, int64(101), int64(102)))
}

// localDay is the day holding t in the corp's zone.
func (f *fixture) localDay(t time.Time) string { return t.In(f.loc).Format(time.DateOnly) }
