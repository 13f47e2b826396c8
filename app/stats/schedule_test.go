package stats_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// A rebuild computes every day of its range, oldest first, telling its
// progress after each, to the same figures (the rows were deleted before);
// a range backwards, past today or not of dates is refused.
func rebuild(t *testing.T, w *world) {
	ctx := context.Background()
	for _, f := range w.fixtures {
		exec(t, w.d.SQL(), "DELETE FROM daily_stats WHERE corp_id = ?", f.corpID)
		var seen [][2]int
		require.NoError(t, w.svc.Rebuild(ctx, f.corpID, f.days[0], f.days[2], func(done, total int) { seen = append(seen, [2]int{done, total}) }))
		assert.Equal(t, [][2]int{{1, 3}, {2, 3}, {3, 3}}, seen)
	}
	w.check(t)

	f := w.fixtures[0]
	for _, r := range [][2]string{{f.days[2], f.days[0]}, {f.days[0], "2026-03-10"}, {"2026-3-1", f.days[0]}, {f.days[0], "yesterday"}} {
		err := w.svc.Rebuild(ctx, f.corpID, r[0], r[1], nil)
		assert.Equal(t, app.EINVALID, app.ErrorCode(err), "%v: %v", r, err)
	}
}

// Every tick recomputes each corp's today and yesterday in its own zone;
// from 03:40 local, a night's run covers the seven days up to yesterday,
// named by the corp's local date.
func due(t *testing.T, w *world) {
	ctx := context.Background()
	sh, ny := w.fixtures[0].corpID, w.fixtures[1].corpID
	// 19:30 UTC: 03:30 on the 10th in Shanghai, 15:30 on the 9th in New York.
	runs, err := w.svc.Due(ctx, time.Date(2026, 3, 9, 19, 30, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, []app.StatsRun{
		{CorpID: sh, Days: []string{"2026-03-09", "2026-03-10"}},
		{CorpID: ny, Days: []string{"2026-03-08", "2026-03-09"}},
		{CorpID: ny, Days: []string{"2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08"}, Night: "2026-03-09"},
	}, runs)
	runs, err = w.svc.Due(ctx, time.Date(2026, 3, 9, 19, 40, 0, 0, time.UTC))
	require.NoError(t, err)
	require.Len(t, runs, 4, "Shanghai's night has come at 03:40")
	assert.Equal(t, app.StatsRun{CorpID: sh, Days: []string{"2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"},
		Night: "2026-03-10"}, runs[1])
}
