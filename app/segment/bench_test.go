package segment_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/segment"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// BenchmarkSegment measures a 5-condition segment over a chain's
// customers on MariaDB (1,000,000; 20,000 under CI): tags, owner's
// store, membership, lifecycle stage and add date, AND-ed. "count" is
// the preview's count, "materialize" a new snapshot (INSERT … SELECT);
// each prints its time and the process's peak RSS beside the ceiling
// from the same run: a bare count of the customers, and a bare INSERT …
// SELECT of all of them into the snapshot table. The count runs twice
// (the first on pages the seed may have left cold), and once more for a
// broad rule, "is a member" (half the customers), so that the figures
// show what a rule selecting many costs as well as a selective one.
func BenchmarkSegment(b *testing.B) {
	n := 1_000_000
	if os.Getenv("CI") != "" {
		n = 20_000
	}
	d := testkit.MigratedDB(b, config.DriverMySQL)
	core := root.NewCore(d, testkit.Box(b), auth.Options{})
	corp, stores := seedSegmentChain(b, d, core, n)
	ctx := app.WithActor(context.Background(), "bench")
	rule := app.SegmentRule{Op: "and", Rules: []app.SegmentRule{
		{Field: "tag", Cmp: "any", Value: []any{"t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08"}},
		{Field: "owner.store_id", Cmp: "in", Value: storeValues(stores[:20])},
		{Field: "member.exists", Cmp: "is"},
		{Field: "rfm.stage", Cmp: "in", Value: []any{app.StageGrowth, app.StageMature}},
		{Field: "follow.add_time", Cmp: "within_days", Value: float64(365)},
	}}
	measure := func(name string, fn func() string) {
		start := time.Now()
		what := fn()
		b.Logf("%-26s %8.2f s  %s  peak RSS %.0f MiB", name, time.Since(start).Seconds(), what, testkit.PeakRSS())
	}
	measure("ceiling: count all", func() string {
		var c int64
		require.NoError(b, d.SQL().QueryRow("SELECT COUNT(*) FROM customers WHERE corp_id = ?", corp).Scan(&c))
		return fmt.Sprintf("%d customers", c)
	})
	measure("segment: count", func() string {
		p, err := core.Segment.Preview(ctx, corp, rule)
		require.NoError(b, err)
		return fmt.Sprintf("%d selected", p.Count)
	})
	measure("segment: count again", func() string {
		p, err := core.Segment.Preview(ctx, corp, rule)
		require.NoError(b, err)
		return fmt.Sprintf("%d selected", p.Count)
	})
	measure("broad: members only", func() string {
		p, err := core.Segment.Preview(ctx, corp, app.SegmentRule{Field: "member.exists", Cmp: "is"})
		require.NoError(b, err)
		return fmt.Sprintf("%d selected", p.Count)
	})
	measure("ceiling: copy all", func() string {
		res, err := d.SQL().Exec("INSERT INTO segment_members (corp_id, segment_id, version, external_userid) SELECT corp_id, 0, 0, external_userid FROM customers WHERE corp_id = ?", corp)
		require.NoError(b, err)
		rows, _ := res.RowsAffected()
		return fmt.Sprintf("%d rows", rows)
	})
	measure("segment: materialize", func() string {
		g, err := core.Segment.Create(ctx, corp, segment.Input{Name: "基准人群", Rule: rule})
		require.NoError(b, err)
		return fmt.Sprintf("%d in snapshot", g.Count)
	})
	b.ReportMetric(testkit.PeakRSS(), "peak-RSS-MiB")
}

func storeValues(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = float64(id)
	}
	return out
}
