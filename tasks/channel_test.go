package tasks_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// The channel pass is scheduled every minute, without retries, and runs
// as of the moment it starts; a period's task runs once whoever enqueues
// it, also after it ran (when asynq.Unique had released its lock).
func TestChannelMaintain(t *testing.T) {
	var entry *tasks.Periodic
	for _, p := range tasks.Schedule(time.Minute) {
		if p.Task.Type() == tasks.TypeChannelMaintain {
			entry = &p
		}
	}
	require.NotNil(t, entry, "scheduled")
	assert.Equal(t, "@every 1m0s", entry.Cron)

	testkit.EachRedisAndCluster(t, func(t *testing.T, r *kv.Redis) {
		var mu sync.Mutex
		var ran []time.Time
		mux := tasks.NewServeMux(tasks.Deps{Log: testkit.Logger(t), Metrics: metrics.New(),
			ChannelMaintain: func(_ context.Context, at time.Time) error {
				mu.Lock()
				defer mu.Unlock()
				ran = append(ran, at)
				return nil
			}})
		srv := tasks.NewServer(r.Conn, workerConfig(), testkit.Logger(t))
		require.NoError(t, srv.Start(mux))
		t.Cleanup(srv.Shutdown)
		client := asynq.NewClient(r.Conn)
		defer client.Close()
		loc, err := time.LoadLocation("Asia/Shanghai")
		require.NoError(t, err)
		before := time.Now()
		minute, err := tasks.NewPeriod(*entry, loc, before)
		require.NoError(t, err)
		start := minute.Due(before)
		_, err = client.Enqueue(entry.Task, minute.Options(start)...)
		require.NoError(t, err)
		_, err = client.Enqueue(entry.Task, minute.Options(start)...)
		assert.ErrorIs(t, err, asynq.ErrTaskIDConflict, "one per minute whoever schedules it")
		require.Eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(ran) == 1 }, 10*time.Second, 20*time.Millisecond)
		assert.WithinDuration(t, before, ran[0], 10*time.Second)
		_, err = client.Enqueue(entry.Task, minute.Options(start)...)
		assert.ErrorIs(t, err, asynq.ErrTaskIDConflict, "still once after it ran")
	})
}
