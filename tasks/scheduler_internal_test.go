package tasks

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A scheduler started twice would run two loops per entry; it refuses,
// also once shut down.
func TestSchedulerStartsOnce(t *testing.T) {
	r := testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded))
	s, err := NewScheduler(r.Conn, "Asia/Shanghai", time.Hour, testkit.Logger(t), nil)
	require.NoError(t, err)
	require.NoError(t, s.Start())
	assert.ErrorIs(t, s.Start(), ErrSchedulerStarted)
	s.Shutdown()
	assert.ErrorIs(t, s.Start(), ErrSchedulerStarted)
}

// Two entries of one task type would name each other's periods: the
// schedule is refused.
func TestScheduleRefusesATypeTwice(t *testing.T) {
	entries := []Periodic{{Cron: "@every 1m", Task: NewRelayTask()}, {Cron: "@every 5m", Task: NewRelayTask()}}
	_, err := periodsOf(entries, time.UTC, time.Now())
	require.ErrorContains(t, err, TypeWeComRelay)
	_, err = periodsOf(Schedule(time.Minute), time.UTC, time.Now())
	require.NoError(t, err, "the schedule itself has each type once")
}

// A scheduler shut down while it enqueues leaves the period to another
// without a warning (nothing is wrong), and counts it neither fired nor
// missed; a period it fires, or finds fired, is counted so.
func TestSchedulerCountsPeriodsAndShutsDownQuietly(t *testing.T) {
	testkit.EachRedis(t, func(t *testing.T, r *kv.Redis) {
		var logs bytes.Buffer
		reg := prometheus.NewRegistry()
		m := metrics.NewScheduler(reg)
		s, err := NewScheduler(r.Conn, "Asia/Shanghai", time.Minute, slog.New(slog.NewTextHandler(&logs, nil)), nil, SchedulerMetrics(m))
		require.NoError(t, err)
		t.Cleanup(s.Shutdown)
		p := s.periods[0]
		start := p.due(time.Now())
		cancelled, cancel := context.WithCancel(context.Background())
		cancel()
		s.fire(cancelled, p, start)
		assert.NotContains(t, logs.String(), "level=WARN", "shutting down is no warning")
		insp := asynq.NewInspectorFromRedisClient(r.Client)
		_, err = insp.GetTaskInfo(QueueLow, PeriodID(p.Task.Type(), start))
		assert.True(t, errors.Is(err, asynq.ErrTaskNotFound) || errors.Is(err, asynq.ErrQueueNotFound), "nothing queued: %v", err)
		s.fire(context.Background(), p, start)
		s.fire(context.Background(), p, start)
		count := func(result string) float64 {
			return metricValue(t, reg, "siyu_scheduler_periods_total", map[string]string{"type": p.Task.Type(), "result": result})
		}
		assert.Equal(t, []float64{1, 1, 0}, []float64{count(metrics.PeriodEnqueued), count(metrics.PeriodAlready), count(metrics.PeriodMissed)})
	})
}

// A scheduler whose clock is 45 s off Redis's fails its check, naming
// the skew in Chinese and English, and records it; one on time passes.
func TestSchedulerClockAgainstRedis(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		for _, off := range []time.Duration{0, 45 * time.Second, -45 * time.Second} {
			reg := prometheus.NewRegistry()
			s, err := NewScheduler(r.Conn, "Asia/Shanghai", time.Minute, testkit.Logger(t), func() time.Time { return time.Now().Add(off) },
				SchedulerMetrics(metrics.NewScheduler(reg)), RedisClock(r.Time), MaxClockSkew(30*time.Second))
			require.NoError(t, err)
			err = s.CheckClock(context.Background())
			s.Shutdown()
			gauge := metricValue(t, reg, "siyu_scheduler_clock_skew_seconds", nil)
			assert.InDelta(t, off.Seconds(), gauge, 5, "skew %s recorded", off)
			if off == 0 {
				assert.NoError(t, err)
				continue
			}
			require.Error(t, err, "skew %s", off)
			assert.Equal(t, app.EUNAVAILABLE, app.ErrorCode(err))
			assert.Contains(t, err.Error(), "调度器时钟与 Redis 相差")
			assert.Contains(t, err.Error(), "scheduler.max_clock_skew 30s")
		}
	})
}

// metricValue is the value of the series of name with labels (0 if none
// was recorded).
func metricValue(t *testing.T, g prometheus.Gatherer, name string, labels map[string]string) float64 {
	families, err := g.Gather()
	require.NoError(t, err)
	for _, f := range families {
		for _, m := range f.GetMetric() {
			got := map[string]string{}
			for _, l := range m.GetLabel() {
				got[l.GetName()] = l.GetValue()
			}
			if f.GetName() == name && (len(labels) == 0 || assert.ObjectsAreEqual(labels, got)) {
				return m.GetGauge().GetValue() + m.GetCounter().GetValue()
			}
		}
	}
	return 0
}
