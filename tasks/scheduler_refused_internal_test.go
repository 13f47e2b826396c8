package tasks

import (
	"context"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A period whose enqueue Redis refuses (a primary down until its replica
// takes over) is tried again 1 s, 2 s, 4 s … later while its catch-up
// lasts: Redis back 4 s after the start (longer than go-redis's own
// retries of one command), a later try enqueues it, under the period's
// id, counted once as enqueued.
func TestSchedulerRetriesARefusedPeriodWithinItsCatchUp(t *testing.T) {
	m := miniredis.NewMiniRedis()
	require.NoError(t, m.Start())
	t.Cleanup(m.Close)
	conn := asynq.RedisClientOpt{Addr: m.Addr()}
	reg := prometheus.NewRegistry()
	// A 30 s tick: the relay's period is 30 s, its catch-up 15 s.
	s, err := NewScheduler(conn, "Asia/Shanghai", 30*time.Second, testkit.Logger(t), nil, SchedulerMetrics(metrics.NewScheduler(reg)))
	require.NoError(t, err)
	t.Cleanup(s.Shutdown)
	p := s.periods[0]
	require.Equal(t, 15*time.Second, p.catchUp)

	m.Close() // refused from the start
	start := time.Now()
	back := time.AfterFunc(4*time.Second, func() { assert.NoError(t, m.Restart()) })
	defer back.Stop()
	s.fire(context.Background(), p, start)

	insp := asynq.NewInspector(conn)
	defer insp.Close()
	info, err := insp.GetTaskInfo(QueueLow, PeriodID(p.Task.Type(), start))
	require.NoError(t, err, "the period was enqueued once Redis was back")
	assert.Equal(t, p.Task.Type(), info.Type)
	count := func(result string) float64 {
		return metricValue(t, reg, "siyu_scheduler_periods_total", map[string]string{"type": p.Task.Type(), "result": result})
	}
	assert.Equal(t, []float64{1, 0}, []float64{count(metrics.PeriodEnqueued), count(metrics.PeriodMissed)})
}
