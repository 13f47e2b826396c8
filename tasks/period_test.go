package tasks_test

import (
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/tasks"
)

// optionMap indexes options by type.
func optionMap(opts []asynq.Option) map[asynq.OptionType]any {
	m := map[asynq.OptionType]any{}
	for _, o := range opts {
		m[o.Type()] = o.Value()
	}
	return m
}

func shanghai(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	return loc
}

// Every entry of the schedule, the nights included, is enqueued under a
// task id naming its period, kept longer than the period, with no
// asynq.Unique (whose lock a finished task releases), and with the
// entry's own options; two periods have two ids, two entries never one.
func TestEveryEntryHasAPeriodID(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2025, 3, 10, 10, 7, 23, 0, loc)
	owner := map[string]string{}
	for _, p := range tasks.Schedule(time.Minute) {
		t.Run(p.Task.Type(), func(t *testing.T) {
			e, err := tasks.NewPeriod(p, loc, now)
			require.NoError(t, err)
			first := e.Next(now)
			second := e.Next(first)
			opts := optionMap(e.Options(first))
			id := tasks.PeriodID(p.Task.Type(), first)
			assert.Equal(t, id, opts[asynq.TaskIDOpt])
			assert.NotEqual(t, id, optionMap(e.Options(second))[asynq.TaskIDOpt])
			assert.Greater(t, opts[asynq.RetentionOpt], second.Sub(first), "the id outlives its period")
			assert.NotContains(t, opts, asynq.UniqueOpt)
			for _, o := range p.Opts {
				assert.Equal(t, o.Value(), opts[o.Type()], "%s kept", o.Type())
			}
			require.NotContains(t, owner, id, "ids are per entry")
			owner[id] = p.Task.Type()
		})
	}
}

// The start a scheduler fires is the schedule's, not its clock's: one
// whose clock is a second early or late, or started a little into the
// period, fires the same start (so names the same task); one started
// later than the catch-up leaves the period to the next start.
func TestPeriodStartWhateverTheClock(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2025, 3, 10, 10, 7, 23, 0, loc)
	for _, p := range tasks.Schedule(time.Minute) {
		t.Run(p.Task.Type(), func(t *testing.T) {
			e, err := tasks.NewPeriod(p, loc, now)
			require.NoError(t, err)
			start := e.Next(now)
			catchUp := min(e.Length()/2, 30*time.Minute)
			for _, at := range []time.Duration{-time.Second, 0, time.Second, catchUp - time.Second} {
				assert.Equal(t, start, e.Due(start.Add(at)), "clock at start%+v", at)
			}
			assert.Equal(t, e.Next(start), e.Due(start.Add(catchUp+time.Second)))
		})
	}
}

// "@every" periods start on the zone's wall clock, checked against plain
// arithmetic on the local clock's seconds since midnight, in a zone whose
// offset (+05:45) is not a whole number of any period but the hour's
// quarters.
func TestEveryAlignedToZone(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Kathmandu")
	require.NoError(t, err)
	tick := time.Minute
	for _, tc := range []struct {
		name string
		n    int
	}{{"minute", 1}, {"three minutes", 3}, {"ten minutes", 10}, {"hour", 60}} {
		t.Run(tc.name, func(t *testing.T) {
			p := tasks.Periodic{Cron: "@every " + (time.Duration(tc.n) * tick).String(), Task: tasks.NewRelayTask()}
			for _, now := range []time.Time{time.Date(2025, 3, 10, 10, 7, 23, 0, loc), time.Date(2025, 3, 10, 23, 59, 59, 0, loc)} {
				e, err := tasks.NewPeriod(p, loc, now)
				require.NoError(t, err)
				midnight := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
				period := int(time.Duration(tc.n) * tick / time.Second)
				secs := int(now.Sub(midnight) / time.Second)
				want := midnight.Add(time.Duration((secs/period+1)*period) * time.Second)
				assert.Equal(t, want, e.Next(now), "after %v", now)
				assert.Equal(t, time.Duration(tc.n)*tick, e.Length())
			}
		})
	}
}

// A night's entry fires at its hour in the schedule's zone, once a day,
// and is named by that night in UTC.
func TestNightlyPeriod(t *testing.T) {
	loc := shanghai(t)
	var rfm tasks.Periodic
	for _, p := range tasks.Schedule(time.Minute) {
		if p.Task.Type() == tasks.TypeRFMNightly {
			rfm = p
		}
	}
	require.NotNil(t, rfm.Task, "scheduled")
	e, err := tasks.NewPeriod(rfm, loc, time.Date(2025, 3, 10, 3, 29, 59, 0, loc))
	require.NoError(t, err)
	night := time.Date(2025, 3, 10, 3, 30, 0, 0, loc)
	assert.Equal(t, night, e.Next(night.Add(-time.Second)))
	assert.Equal(t, night.AddDate(0, 0, 1), e.Next(night))
	assert.Equal(t, 24*time.Hour, e.Length())
	assert.Equal(t, "periodic:rfm:nightly:2025-03-09T19:30:00Z", tasks.PeriodID(rfm.Task.Type(), night))
	assert.Equal(t, night, e.Due(night.Add(15*time.Minute)), "a scheduler restarted at 03:45 still fires the night")
	assert.Equal(t, night.AddDate(0, 0, 1), e.Due(night.Add(3*time.Hour)), "one started at 06:30 does not")
}

// asynq archives for good a task whose worker was killed once its
// retries are used up: every entry is retried, and its deadline is the
// end of the period after its own, so a late pass still runs but never two
// periods late; a run stays bounded by a timeout (the nights' at most an
// hour).
func TestEveryPeriodIsRetriedUntilItsEnd(t *testing.T) {
	loc := shanghai(t)
	for _, p := range tasks.Schedule(time.Minute) {
		e, err := tasks.NewPeriod(p, loc, time.Date(2025, 3, 10, 10, 7, 23, 0, loc))
		require.NoError(t, err)
		start := e.Next(time.Date(2025, 3, 10, 10, 7, 23, 0, loc))
		opts := optionMap(e.Options(start))
		assert.GreaterOrEqual(t, opts[asynq.MaxRetryOpt], 1, "%s is retried", p.Task.Type())
		assert.Equal(t, start.Add(2*e.Length()).Unix(), opts[asynq.DeadlineOpt].(time.Time).Unix(), "%s ends with the next period", p.Task.Type())
		assert.LessOrEqual(t, opts[asynq.TimeoutOpt], time.Hour, "%s: a run is bounded", p.Task.Type())
	}
	// A second's tick: the passes of a few seconds still have a minute, so
	// a database stall of some seconds does not drop them.
	for _, p := range tasks.Schedule(time.Second) {
		e, err := tasks.NewPeriod(p, loc, time.Date(2025, 3, 10, 10, 7, 23, 0, loc))
		require.NoError(t, err)
		start := e.Next(time.Date(2025, 3, 10, 10, 7, 23, 0, loc))
		want := start.Add(max(2*e.Length(), time.Minute))
		assert.Equal(t, want.Unix(), optionMap(e.Options(start))[asynq.DeadlineOpt].(time.Time).Unix(), "%s", p.Task.Type())
	}
}
