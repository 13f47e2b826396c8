package tasks_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

func workerConfig() config.Worker {
	return config.Worker{Concurrency: 4, ShutdownTimeout: time.Second, Queues: map[string]int{tasks.QueueDefault: 1}}
}

// startWorker runs the production worker and middleware with extra handlers.
func startWorker(t *testing.T, r *kv.Redis, m *metrics.Metrics, handlers map[string]asynq.HandlerFunc) {
	t.Helper()
	mux := tasks.NewServeMux(tasks.Deps{Log: testkit.Logger(t), Metrics: m})
	for name, h := range handlers {
		mux.HandleFunc(name, h)
	}
	srv := tasks.NewServer(r.Conn, workerConfig(), testkit.Logger(t))
	require.NoError(t, srv.Start(mux))
	t.Cleanup(srv.Shutdown)
}

func TestRetryPolicyByErrorCode(t *testing.T) {
	testkit.EachRedisAndCluster(t, func(t *testing.T, r *kv.Redis) {
		m := metrics.New()
		startWorker(t, r, m, map[string]asynq.HandlerFunc{
			"test:invalid": func(context.Context, *asynq.Task) error { return app.Errorf(app.EINVALID, "坏数据") },
			"test:flaky":   func(context.Context, *asynq.Task) error { return errors.New("connection reset") },
			"test:ok": func(ctx context.Context, _ *asynq.Task) error {
				if app.RequestID(ctx) == "" {
					return errors.New("no task id in context")
				}
				return nil
			},
		})
		client := asynq.NewClient(r.Conn)
		defer client.Close()
		insp := asynq.NewInspector(r.Conn)
		defer insp.Close()
		invalid, err := client.Enqueue(asynq.NewTask("test:invalid", nil), asynq.MaxRetry(5))
		require.NoError(t, err)
		flaky, err := client.Enqueue(asynq.NewTask("test:flaky", nil), asynq.MaxRetry(5))
		require.NoError(t, err)
		_, err = client.Enqueue(asynq.NewTask("test:ok", nil))
		require.NoError(t, err)

		require.Eventually(t, func() bool {
			info, err := insp.GetTaskInfo(tasks.QueueDefault, invalid.ID)
			return err == nil && info.State == asynq.TaskStateArchived
		}, 10*time.Second, 50*time.Millisecond, "invalid input is archived at once, not retried")
		require.Eventually(t, func() bool {
			info, err := insp.GetTaskInfo(tasks.QueueDefault, flaky.ID)
			return err == nil && info.State == asynq.TaskStateRetry
		}, 10*time.Second, 50*time.Millisecond, "a transient failure is retried")
		require.Eventually(t, func() bool {
			return testutil.ToFloat64(m.TaskOutcomes.WithLabelValues("test:ok", metrics.OutcomeSuccess)) == 1
		}, 10*time.Second, 50*time.Millisecond)
		assert.Equal(t, 1.0, testutil.ToFloat64(m.TaskOutcomes.WithLabelValues("test:invalid", metrics.OutcomeDropped)))
		assert.Equal(t, 1.0, testutil.ToFloat64(m.TaskOutcomes.WithLabelValues("test:flaky", metrics.OutcomeRetry)))
	})
}

func TestQueueCollector(t *testing.T) {
	testkit.EachRedisAndCluster(t, func(t *testing.T, r *kv.Redis) {
		client := asynq.NewClient(r.Conn)
		defer client.Close()
		for range 3 {
			_, err := client.Enqueue(asynq.NewTask("test:waiting", nil), asynq.Queue(tasks.QueueLow))
			require.NoError(t, err)
		}
		m := metrics.New()
		insp := asynq.NewInspector(r.Conn)
		defer insp.Close()
		m.Registry.MustRegister(metrics.NewQueueCollector(insp, testkit.Logger(t)))
		families, err := m.Registry.Gather()
		require.NoError(t, err)
		found := false
		for _, f := range families {
			if f.GetName() != "siyu_queue_tasks" {
				continue
			}
			for _, mt := range f.GetMetric() {
				labels := map[string]string{}
				for _, l := range mt.GetLabel() {
					labels[l.GetName()] = l.GetValue()
				}
				if labels["queue"] == tasks.QueueLow && labels["state"] == "pending" {
					found = true
					assert.Equal(t, 3.0, mt.GetGauge().GetValue())
				}
			}
		}
		assert.True(t, found, "pending count of the low queue is exported")
	})
}
