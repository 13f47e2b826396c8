package seed_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// benchAggregate measures the aggregation of the last day, of the
// nightly run's 7 days and of every day (a rebuild), each beside its
// ceiling, run after it on the same days.
func benchAggregate(top *testing.B, get func() *dashRig) {
	for _, a := range []struct {
		name string
		days func(r *dashRig) []string
	}{{"day", func(r *dashRig) []string { return []string{r.s.to} }},
		{"nightly-7days", func(r *dashRig) []string { d := r.days(); return d[len(d)-7:] }},
		{"90days", (*dashRig).days}} {
		top.Run("aggregate-"+a.name+"/siyu", func(b *testing.B) {
			r := get()
			for b.Loop() {
				r.compute(b, a.days(r))
			}
			r.aggregated = r.aggregated || a.name == "90days"
		})
		top.Run("aggregate-"+a.name+"/ceiling", func(b *testing.B) {
			r := get()
			days := a.days(r)
			rows := r.statRows(b, days)
			for b.Loop() {
				r.ceiling(b, days, rows)
			}
		})
	}
}

// days are every day of the rig's history.
func (r *dashRig) days() []string {
	var out []string
	first, _ := time.ParseInLocation(time.DateOnly, r.s.from, r.s.zone)
	for d := first; d.Format(time.DateOnly) <= r.s.to; d = d.AddDate(0, 0, 1) {
		out = append(out, d.Format(time.DateOnly))
	}
	return out
}

// compute aggregates days as the nightly run does.
func (r *dashRig) compute(b *testing.B, days []string) {
	require.NoError(b, aggregator(b, r.d).Compute(context.Background(), r.s.corp.ID, days))
}

// aggregate computes every day once, for the pages, in three parallel
// runs of days (as three workers of the nightly run would) when
// aggregate-90days has not.
func (r *dashRig) aggregate(b *testing.B) {
	if r.aggregated {
		return
	}
	start, days := time.Now(), r.days()
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			var mine []string
			for i := w; i < len(days); i += 3 {
				mine = append(mine, days[i])
			}
			require.NoError(b, aggregator(b, r.d).Compute(context.Background(), r.s.corp.ID, mine))
		})
	}
	wg.Wait()
	b.Logf("aggregated %d days in %s (3 at once)", len(days), time.Since(start).Round(time.Second))
	r.aggregated = true
}
