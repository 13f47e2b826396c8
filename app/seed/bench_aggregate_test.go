package seed_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// benchAggregate measures the aggregation of the last day and of every
// day, each beside its ceiling from the same run.
func benchAggregate(top *testing.B, get func() *dashRig) {
	top.Run("aggregate-day/ceiling", func(b *testing.B) {
		r := get()
		for b.Loop() {
			r.ceiling(b, []string{r.s.to})
		}
	})
	top.Run("aggregate-day/siyu", func(b *testing.B) {
		r := get()
		for b.Loop() {
			r.compute(b, []string{r.s.to})
		}
	})
	top.Run("aggregate-90days/ceiling", func(b *testing.B) {
		r := get()
		for b.Loop() {
			r.ceiling(b, r.days())
		}
	})
	top.Run("aggregate-90days/siyu", func(b *testing.B) {
		r := get()
		for b.Loop() {
			r.compute(b, r.days())
		}
		r.aggregated = true
	})
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

// ceiling reads days' figures with the test's bare GROUP BY queries
// straight from the ledgers, then writes as many rows as they make in
// one go: what the aggregation cannot beat.
func (r *dashRig) ceiling(b *testing.B, days []string) {
	x := newExpect(b, r.d, r.s.corp.ID, time.Now())
	x.behavior = hasBehavior(b, r.d)
	for _, day := range days {
		start, _ := time.ParseInLocation(time.DateOnly, day, r.s.zone)
		end := start.AddDate(0, 0, 1).UTC()
		x.day(day, start.UTC(), end)
		x.state(day, end, x.behavior)
	}
	ceilingInsert(b, r.d, len(x.rows))
	b.ReportMetric(float64(len(x.rows)), "rows")
}

// compute aggregates days as the nightly run does.
func (r *dashRig) compute(b *testing.B, days []string) {
	require.NoError(b, aggregator(b, r.d).Compute(context.Background(), r.s.corp.ID, days))
}

// aggregate computes every day once, for the pages.
func (r *dashRig) aggregate(b *testing.B) {
	if !r.aggregated {
		r.compute(b, r.days())
		r.aggregated = true
	}
}
