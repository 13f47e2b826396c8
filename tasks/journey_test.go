package tasks_test

import (
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/tasks"
)

// The journey tick is scheduled every 5 minutes with the scheduler's
// retries within its period (each tick takes what is still due); the
// scheduler names each period's task.
func TestJourneyTickScheduled(t *testing.T) {
	var entry *tasks.Periodic
	for _, p := range tasks.Schedule(time.Minute) {
		if p.Task.Type() == tasks.TypeJourneyTick {
			entry = &p
		}
	}
	require.NotNil(t, entry, "scheduled")
	assert.Equal(t, "@every 5m0s", entry.Cron)
	opts := map[asynq.OptionType]any{}
	for _, o := range entry.Opts {
		opts[o.Type()] = o.Value()
	}
	assert.NotContains(t, opts, asynq.MaxRetryOpt, "retried as every period is")
}

// A shortened tick (a demo, a test) keeps the schedule's proportions: the
// journey tick still runs every 5 ticks and each pass's task id is kept a
// period and a minute after it ran.
func TestScheduleScalesWithTick(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	periods := map[string]string{}
	retention := map[string]any{}
	now := time.Date(2025, 3, 10, 10, 7, 23, 0, loc)
	for _, p := range tasks.Schedule(6 * time.Second) {
		periods[p.Task.Type()] = p.Cron
		e, err := tasks.NewPeriod(p, loc, now)
		require.NoError(t, err)
		for _, o := range e.Options(e.Next(now)) {
			if o.Type() == asynq.RetentionOpt {
				retention[p.Task.Type()] = o.Value()
			}
		}
	}
	assert.Equal(t, "@every 30s", periods[tasks.TypeJourneyTick])
	assert.Equal(t, 90*time.Second, retention[tasks.TypeJourneyTick])
	assert.Equal(t, "@every 6s", periods[tasks.TypeRemindSweep])
	assert.Equal(t, 66*time.Second, retention[tasks.TypeRemindSweep])
}
