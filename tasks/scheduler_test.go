package tasks_test

import (
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// Two schedulers whose clocks disagree by 600 ms, started at different
// moments, queue one task per entry and period between them (on each
// Redis set-up, the cluster included): for each
// entry, the ids queued are those of consecutive starts on its grid (whole
// multiples of its period on the zone's clock; Shanghai's offset is whole
// hours), none missing and none off the grid. (No worker runs: each
// period's task is still pending, so a second task of the same period
// would show.)
func TestSchedulersQueueEachPeriodOnce(t *testing.T) {
	t.Parallel()
	testkit.EachRedisAndCluster(t, func(t *testing.T, r *kv.Redis) {
		from := time.Now()
		for _, skew := range []time.Duration{300 * time.Millisecond, -300 * time.Millisecond} {
			s, err := tasks.NewScheduler(r.Conn, "Asia/Shanghai", time.Second, testkit.Logger(t), func() time.Time { return time.Now().Add(skew) })
			require.NoError(t, err)
			require.NoError(t, s.Start())
			time.Sleep(700 * time.Millisecond)
			defer s.Shutdown()
		}
		time.Sleep(2 * time.Second)
		queued := pendingIDs(t, r.Conn)
		for _, p := range tasks.Schedule(time.Second) {
			period, ok := periodOf(t, p)
			if !ok {
				continue // a night's: TestNightlyPeriod
			}
			var starts []int64
			// From a period back: a scheduler fires the period it starts
			// in if under half of it has passed.
			for sec := from.Add(-period).Unix(); sec <= time.Now().Unix()+2; sec++ {
				if sec%int64(period/time.Second) == 0 && queued[tasks.PeriodID(p.Task.Type(), time.Unix(sec, 0))] {
					starts = append(starts, sec)
				}
			}
			assert.Len(t, starts, countPrefix(queued, "periodic:"+p.Task.Type()+":"), "%s: every task on its grid", p.Task.Type())
			for i := 1; i < len(starts); i++ {
				assert.Equal(t, int64(period/time.Second), starts[i]-starts[i-1], "%s: no period missed", p.Task.Type())
			}
			if period == time.Second {
				assert.GreaterOrEqual(t, len(starts), 2, "%s: fired", p.Task.Type())
			}
		}
	})
}

// periodOf is the period of an "@every" entry.
func periodOf(t *testing.T, p tasks.Periodic) (time.Duration, bool) {
	s, ok := strings.CutPrefix(p.Cron, "@every ")
	if !ok {
		return 0, false
	}
	d, err := time.ParseDuration(s)
	require.NoError(t, err)
	return d, true
}

// pendingIDs are the ids of the tasks waiting in the schedule's queues.
func pendingIDs(t *testing.T, conn asynq.RedisConnOpt) map[string]bool {
	insp := asynq.NewInspector(conn)
	defer insp.Close()
	ids := map[string]bool{}
	for _, q := range []string{tasks.QueueDefault, tasks.QueueLow} {
		infos, err := insp.ListPendingTasks(q, asynq.PageSize(10000))
		require.NoError(t, err)
		for _, info := range infos {
			ids[info.ID] = true
		}
	}
	return ids
}

func countPrefix(ids map[string]bool, prefix string) int {
	n := 0
	for id := range ids {
		if strings.HasPrefix(id, prefix) {
			n++
		}
	}
	return n
}
