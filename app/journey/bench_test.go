package journey_test

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
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/journey"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// BenchmarkJourneyTick measures a journey tick over a chain's customers on
// MariaDB (1,000,000; 20,000 under CI), each added on one of 1,000 days
// and owned by one of 200 guides, half of them members with a birthday.
// "tick" is one Tick at 10:30 on 春节's eve with two journeys due at
// 10:00 — day 3 after add and birthday — finding their customers in SQL
// over every relation and member, recording the fires and creating each
// one's guide task; "holiday: record" records the fires of a 春节 step
// for every customer (1,000,000 rows, one INSERT … SELECT), and "holiday:
// act" resumes that journey and ticks, acting on them (a tick acts for at
// most 3 minutes: the rate is what matters at full size). Beside them,
// from the same run, the ceilings: a bare count of the relations the
// day-N step scans, and a bare INSERT … SELECT of every owned customer
// into the ledger.
func BenchmarkJourneyTick(b *testing.B) {
	n := 1_000_000
	if os.Getenv("CI") != "" {
		n = 20_000
	}
	d := testkit.MigratedDB(b, config.DriverMySQL)
	core := root.NewCore(d, testkit.Box(b), auth.Options{})
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2027, 2, 5, 10, 30, 0, 0, loc)
	corp := seedJourneyChain(b, d, core, n, now)
	clock := now.Add(-2 * time.Hour)
	svc := journey.New(journey.Deps{Store: db.NewJourneyStore(d), Tasks: core.Todo, Zones: core.Stores.Corps, Now: func() time.Time { return clock }})
	ctx := app.WithActor(context.Background(), "bench")
	task := func(days int) []app.JourneyStep {
		return []app.JourneyStep{{Days: days, At: "10:00", Action: app.ActionTask, Content: "你好"}}
	}
	for _, j := range []app.Journey{{Name: "第三天", Trigger: app.JourneyTrigger{Kind: app.TriggerAdded}, Reentry: app.ReentryOnce, Steps: task(3)},
		{Name: "生日", Trigger: app.JourneyTrigger{Kind: app.TriggerBirthday}, Reentry: app.ReentryOccurrence, Steps: task(0)}} {
		_, err := svc.Create(ctx, corp, "bench", j)
		require.NoError(b, err)
	}
	holiday, err := svc.Create(ctx, corp, "bench", app.Journey{Name: "春节", Trigger: app.JourneyTrigger{Kind: app.TriggerHoliday, Holiday: "spring_festival"},
		Reentry: app.ReentryOccurrence, Steps: task(-1)})
	require.NoError(b, err)
	_, err = svc.SetStatus(ctx, corp, holiday.ID, "bench", app.JourneyPaused) // recorded below, not acted on
	require.NoError(b, err)
	clock = now
	measure := func(name string, fn func() string) {
		start := time.Now()
		what := fn()
		b.Logf("%-26s %8.2f s  %s  peak RSS %.0f MiB", name, time.Since(start).Seconds(), what, testkit.PeakRSS())
	}
	day := time.Date(2027, 2, 2, 0, 0, 0, 0, loc)
	measure("ceiling: scan day-N", func() string {
		var c int64
		require.NoError(b, d.SQL().QueryRow("SELECT COUNT(*) FROM follows WHERE corp_id = ? AND deleted_at IS NULL AND add_time >= ? AND add_time < ?",
			corp, day.UTC(), day.AddDate(0, 0, 1).UTC()).Scan(&c))
		return fmt.Sprintf("%d added 3 days ago", c)
	})
	measure("tick", func() string {
		require.NoError(b, svc.Tick(ctx, corp))
		return fmt.Sprintf("%d fires done", countRows(b, d, "SELECT COUNT(*) FROM journey_fires WHERE corp_id = ? AND status = 'done'", corp))
	})
	measure("tick again (nothing new)", func() string {
		require.NoError(b, svc.Tick(ctx, corp))
		return fmt.Sprintf("%d fires", countRows(b, d, "SELECT COUNT(*) FROM journey_fires WHERE corp_id = ?", corp))
	})
	measure("ceiling: copy all owned", func() string {
		res, err := d.SQL().Exec("INSERT INTO journey_fires (corp_id, journey_id, step_id, external_userid, occurrence, userid, due_at, status, created_at) "+
			"SELECT corp_id, 0, 0, external_userid, '', userid, ?, 'pending', ? FROM customer_owners WHERE corp_id = ?", now.UTC(), now.UTC(), corp)
		require.NoError(b, err)
		rows, _ := res.RowsAffected()
		return fmt.Sprintf("%d rows", rows)
	})
	measure("holiday: record", func() string {
		got, err := db.NewJourneyStore(d).InsertDueFires(ctx, app.JourneyDue{Journey: holiday, StepID: 1,
			Anchor: time.Date(2027, 2, 6, 0, 0, 0, 0, loc), DueAt: now.Add(-30 * time.Minute), Now: now})
		require.NoError(b, err)
		return fmt.Sprintf("%d fires", got)
	})
	measure("holiday: act (resumed)", func() string {
		_, err := svc.SetStatus(ctx, corp, holiday.ID, "bench", app.JourneyActive)
		require.NoError(b, err)
		start := time.Now()
		require.NoError(b, svc.Tick(ctx, corp))
		n := countRows(b, d, "SELECT COUNT(*) FROM journey_fires WHERE corp_id = ? AND journey_id = ? AND status = 'done'", corp, holiday.ID)
		tasks := countRows(b, d, "SELECT COUNT(*) FROM guide_tasks WHERE corp_id = ? AND kind = ? AND source LIKE ?", corp, app.TaskJourneyStep,
			fmt.Sprintf("journey:%d:%%", holiday.ID))
		require.Equal(b, n, tasks, "one guide task per done fire")
		return fmt.Sprintf("%d fires done, %.0f a second", n, float64(n)/time.Since(start).Seconds())
	})
	b.ReportMetric(testkit.PeakRSS(), "peak-RSS-MiB")
}

func countRows(b *testing.B, d *db.DB, q string, args ...any) int64 {
	var c int64
	require.NoError(b, d.SQL().QueryRow(q, args...).Scan(&c))
	return c
}
