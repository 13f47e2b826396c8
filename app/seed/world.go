package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// world is what every customer's story draws on: the corp's organisation,
// the window of days, the rule versions, sends, SOPs and campaigns.
type world struct {
	o        Options
	corp     int64
	zone     *time.Location
	from, to string
	w0, w1   time.Time // the window [w0, w1), UTC
	now      time.Time
	tag      string // every generated key starts with it: runs never collide
	org      org
	rules    rules
	sends    []send
	sops     []int64
	camps    []campaign
	ids      idBases
	behavior bool // behavior_days exists (migration 00035)
	counts   *counts
}

// rules are the attribution rule versions credits are written under.
type rules struct {
	rec, old int64     // the version of record and the one before (0: none)
	changed  time.Time // orders paid before were also credited under old
}

// send is one mass send and the tally of its recipients, which the
// workers count as they draw them and the run writes at its end (the
// counts a planned send keeps: the holdout's is what its uplift reads).
type send struct {
	id                          int64
	at                          time.Time
	targeted, excluded, holdout *atomic.Int64
}

// campaign is one referral campaign and its channel.
type campaign struct {
	id       int64
	channel  channel
	from, to time.Time
}

// idBases are the first ids of tables whose generated rows are referred
// to by other rows: a row's id is its base plus a number derived from
// its customer, so workers need no shared counter.
type idBases struct{ member, order, participant int64 }

func newWorld(ctx context.Context, st app.SeedStore, o Options, now time.Time) (*world, error) {
	if o.Days < 1 || o.Customers < 1 {
		return nil, app.Errorf(app.EINVALID, "天数和客户数须为正数")
	}
	w := &world{o: o, corp: o.CorpID, zone: o.Zone, now: now.UTC(), tag: fmt.Sprintf("sd%d", o.Seed), counts: &counts{n: map[string]int64{}}}
	if w.zone == nil {
		w.zone = app.ZoneNamed("")
	}
	if err := w.window(o.End); err != nil {
		return nil, err
	}
	if taken, err := st.Exists(ctx, w.corp, "customers", "external_userid", w.ext(0)); err != nil || taken {
		if err == nil {
			err = app.Errorf(app.ECONFLICT, "该企业已用种子 %d 生成过数据，请换一个 --seed", o.Seed)
		}
		return nil, err
	}
	var err error
	if w.behavior, err = st.HasTable(ctx, tBehavior.name); err != nil {
		return nil, err
	}
	return w, w.bases(ctx, st)
}

// window sets the days [from, to] and their instants.
func (w *world) window(end string) error {
	today := w.now.In(w.zone)
	last := time.Date(today.Year(), today.Month(), today.Day()-1, 0, 0, 0, 0, w.zone)
	if end != "" {
		d, err := time.ParseInLocation(time.DateOnly, end, w.zone)
		if err != nil || !d.Before(last.AddDate(0, 0, 1)) {
			return app.Errorf(app.EINVALID, "结束日期须为今天之前的 yyyy-mm-dd")
		}
		last = d
	}
	first := last.AddDate(0, 0, 1-w.o.Days)
	w.from, w.to = first.Format(time.DateOnly), last.Format(time.DateOnly)
	w.w0, w.w1 = first.UTC(), last.AddDate(0, 0, 1).UTC()
	return nil
}

func (w *world) bases(ctx context.Context, st app.SeedStore) error {
	for _, b := range []struct {
		table string
		to    *int64
	}{{"members", &w.ids.member}, {"orders", &w.ids.order}, {"referral_participants", &w.ids.participant}} {
		id, err := st.NextID(ctx, b.table)
		if err != nil {
			return err
		}
		*b.to = id
	}
	return nil
}

// day returns local midnight of the day k days after from, in UTC.
func (w *world) day(k int) time.Time {
	f := w.w0.In(w.zone)
	return time.Date(f.Year(), f.Month(), f.Day()+k, 0, 0, 0, 0, w.zone).UTC()
}

// ext is customer i's external_userid.
func (w *world) ext(i int) string { return fmt.Sprintf("wm%s_%07d", w.tag, i) }

// rng is the random source of one stream (a customer, a guide…).
func (w *world) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(w.o.Seed, stream))
}

// Streams of the random sources that are not a customer's.
const (
	streamGuide    = 1 << 40
	streamSend     = 2 << 40
	streamCampaign = 3 << 40
)

// between returns an instant in [a, b), to the millisecond.
func between(r *rand.Rand, a, b time.Time) time.Time {
	if !b.After(a) {
		return a
	}
	return a.Add(time.Duration(r.Int64N(int64(b.Sub(a)/time.Millisecond))) * time.Millisecond)
}

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// counts are the rows written per table, summed over the workers.
type counts struct {
	mu sync.Mutex
	n  map[string]int64
}

func (c *counts) add(n map[string]int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, v := range n {
		c.n[k] += v
	}
}

func (c *counts) snapshot() map[string]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int64, len(c.n))
	for k, v := range c.n {
		out[k] = v
	}
	return out
}

// tablesWritten names every table with rows, for ANALYZE.
func (w *world) tablesWritten() []string {
	var out []string
	for k := range w.counts.snapshot() {
		out = append(out, k)
	}
	return out
}
