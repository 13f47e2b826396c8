package tasks

import (
	"context"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A scheduler woken after its period's catch-up (a frozen process, a
// clock stepped forward) must not fire that period: its id may have been
// released since another scheduler ran it, and it would run twice.
func TestSchedulerLeavesAPeriodPast(t *testing.T) {
	r := testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisStandalone))
	now := time.Date(2026, 12, 6, 10, 0, 30, 0, time.UTC)
	s, err := NewScheduler(r.Conn, "Asia/Shanghai", time.Minute, testkit.Logger(t), func() time.Time { return now })
	require.NoError(t, err)
	t.Cleanup(s.Shutdown)
	insp := asynq.NewInspectorFromRedisClient(r.Client)
	p := s.periods[0]
	queued := func(start time.Time) bool {
		info, err := insp.GetTaskInfo(QueueLow, PeriodID(p.Task.Type(), start))
		return err == nil && info != nil
	}
	stale := now.Add(-p.catchUp - time.Second).Truncate(time.Minute)
	s.fire(context.Background(), p, stale)
	assert.False(t, queued(stale), "a period past its catch-up is left")
	current := now.Truncate(time.Minute)
	s.fire(context.Background(), p, current)
	assert.True(t, queued(current), "the current period is fired")
}
