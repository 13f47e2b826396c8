package tasks_test

import (
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/tasks"
)

// The journey tick is scheduled every 5 minutes, unique for just under
// its period (so several schedulers enqueue it once) and not retried (the
// next tick takes what is still due).
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
	assert.Equal(t, 5*time.Minute-10*time.Second, opts[asynq.UniqueOpt])
	assert.Equal(t, 0, opts[asynq.MaxRetryOpt])
}

// A shortened tick (a demo, a test) keeps the schedule's proportions: the
// journey tick still runs every 5 ticks and each pass stays unique for
// just under its own period.
func TestScheduleScalesWithTick(t *testing.T) {
	periods := map[string]string{}
	uniques := map[string]any{}
	for _, p := range tasks.Schedule(6 * time.Second) {
		periods[p.Task.Type()] = p.Cron
		for _, o := range p.Opts {
			if o.Type() == asynq.UniqueOpt {
				uniques[p.Task.Type()] = o.Value()
			}
		}
	}
	assert.Equal(t, "@every 30s", periods[tasks.TypeJourneyTick])
	assert.Equal(t, 25*time.Second, uniques[tasks.TypeJourneyTick])
	assert.Equal(t, "@every 6s", periods[tasks.TypeRemindSweep])
	assert.Equal(t, 5*time.Second, uniques[tasks.TypeRemindSweep])
}
