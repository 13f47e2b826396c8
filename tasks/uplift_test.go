package tasks_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// The uplift is measured once a night, after the RFM thresholds are
// taken, once across schedulers (a second enqueue the same night is a
// duplicate), retried when it fails.
func TestUpliftNightly(t *testing.T) {
	var entry *tasks.Periodic
	for _, p := range tasks.Schedule(time.Minute) {
		if p.Task.Type() == tasks.TypeUpliftNightly {
			entry = &p
		}
	}
	require.NotNil(t, entry, "scheduled")
	assert.Equal(t, "30 4 * * *", entry.Cron)
	opts := map[asynq.OptionType]any{}
	for _, o := range entry.Opts {
		opts[o.Type()] = o.Value()
	}
	assert.Equal(t, 5, opts[asynq.MaxRetryOpt])

	testkit.EachRedisAndCluster(t, func(t *testing.T, r *kv.Redis) {
		var ran atomic.Int32
		mux := tasks.NewServeMux(tasks.Deps{Log: testkit.Logger(t), Metrics: metrics.New(),
			UpliftNightly: func(context.Context) error { ran.Add(1); return nil }})
		srv := tasks.NewServer(r.Conn, config.Worker{Concurrency: 2, ShutdownTimeout: time.Second, Queues: map[string]int{tasks.QueueLow: 1}},
			testkit.Logger(t))
		require.NoError(t, srv.Start(mux))
		t.Cleanup(srv.Shutdown)
		client := asynq.NewClient(r.Conn)
		defer client.Close()
		loc, err := time.LoadLocation("Asia/Shanghai")
		require.NoError(t, err)
		night, err := tasks.NewPeriod(*entry, loc, time.Now())
		require.NoError(t, err)
		start := night.Due(time.Now())
		_, err = client.Enqueue(entry.Task, night.Options(start)...)
		require.NoError(t, err)
		_, err = client.Enqueue(entry.Task, night.Options(start)...)
		assert.ErrorIs(t, err, asynq.ErrTaskIDConflict, "once a night whoever schedules it")
		require.Eventually(t, func() bool { return ran.Load() == 1 }, 10*time.Second, 20*time.Millisecond)
	})
}
