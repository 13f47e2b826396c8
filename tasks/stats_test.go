package tasks_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// The aggregates' tick runs every 15 ticks, with the scheduler's retries
// within its period (each tick queues what is still due).
func TestStatsTickScheduled(t *testing.T) {
	var entry *tasks.Periodic
	for _, p := range tasks.Schedule(time.Minute) {
		if p.Task.Type() == tasks.TypeStatsTick {
			entry = &p
		}
	}
	require.NotNil(t, entry, "scheduled")
	assert.Equal(t, "@every 15m0s", entry.Cron)
	opts := map[asynq.OptionType]any{}
	for _, o := range entry.Opts {
		opts[o.Type()] = o.Value()
	}
	assert.NotContains(t, opts, asynq.MaxRetryOpt, "retried as every period is")
	assert.Equal(t, tasks.QueueLow, opts[asynq.QueueOpt])
}

// fakeStats has a corp's recent days and its night due at every tick,
// and records the days it computes.
type fakeStats struct {
	mu   sync.Mutex
	runs []string
}

func (f *fakeStats) Due(context.Context, time.Time) ([]app.StatsRun, error) {
	return []app.StatsRun{{CorpID: 7, Days: []string{"2026-03-08", "2026-03-09"}},
		{CorpID: 7, Days: []string{"2026-03-01", "2026-03-08"}, Night: "2026-03-09"}}, nil
}

func (f *fakeStats) Compute(_ context.Context, corpID int64, days []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.runs = append(f.runs, strings.Join(days, ","))
	return nil
}

func (f *fakeStats) computed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.runs...)
}

// Ticks queue a corp's recent days each time (once while one waits) and
// its night's run once, however many ticks come after 03:40.
func TestStatsTickQueuesNightOnce(t *testing.T) {
	testkit.EachRedisAndCluster(t, func(t *testing.T, r *kv.Redis) {
		client := asynq.NewClient(r.Conn)
		defer client.Close()
		fake := &fakeStats{}
		mux := tasks.NewServeMux(tasks.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Enqueuer: tasks.NewEnqueuer(client), Stats: fake})
		ctx := context.Background()
		for range 2 {
			require.NoError(t, mux.ProcessTask(ctx, tasks.NewStatsTickTask()))
		}
		pending, err := asynq.NewInspector(r.Conn).ListPendingTasks(tasks.QueueLow)
		require.NoError(t, err)
		assert.Len(t, pending, 2, "one of each, not one per tick")

		srv := tasks.NewServer(r.Conn, config.Worker{Concurrency: 2, ShutdownTimeout: time.Second, Queues: map[string]int{tasks.QueueLow: 1}}, testkit.Logger(t))
		require.NoError(t, srv.Start(mux))
		t.Cleanup(srv.Shutdown)
		insp := asynq.NewInspector(r.Conn)
		idle := func(n int) func() bool { // n computed and their tasks done
			return func() bool {
				q, err := insp.GetQueueInfo(tasks.QueueLow)
				return err == nil && q.Pending == 0 && q.Active == 0 && len(fake.computed()) == n
			}
		}
		require.Eventually(t, idle(2), 10*time.Second, 20*time.Millisecond)
		require.NoError(t, mux.ProcessTask(ctx, tasks.NewStatsTickTask()))
		require.Eventually(t, idle(3), 10*time.Second, 20*time.Millisecond, "%v", fake.computed())
		assert.ElementsMatch(t, []string{"2026-03-08,2026-03-09", "2026-03-08,2026-03-09", "2026-03-01,2026-03-08"}, fake.computed(),
			"the recent days again, the night not")
	})
}
