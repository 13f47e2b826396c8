package tasks_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// TestQueueRoundTrip runs what Siyu asks of asynq on every Redis kind: a
// task named by its TaskID is queued once, a Unique task once while its
// lock lives and again once it ran, a task due later waits in the
// scheduled set until the inspector runs it, and each runs exactly once.
// On a cluster every one of these is a Lua script over several keys, which
// asynq keeps in the queue's slot ("asynq:{queue}:…").
func TestQueueRoundTrip(t *testing.T) {
	testkit.EachRedisAndCluster(t, func(t *testing.T, r *kv.Redis) {
		queue := testkit.RandomName("q-")
		var mu sync.Mutex
		var ran []string
		mux := asynq.NewServeMux()
		mux.HandleFunc("test:echo", func(_ context.Context, task *asynq.Task) error {
			mu.Lock()
			defer mu.Unlock()
			ran = append(ran, string(task.Payload()))
			return nil
		})
		client := asynq.NewClient(r.Conn)
		defer client.Close()
		enqueue := func(payload string, opts ...asynq.Option) error {
			_, err := client.Enqueue(asynq.NewTask("test:echo", []byte(payload)), append(opts, asynq.Queue(queue))...)
			return err
		}
		insp := asynq.NewInspector(r.Conn)
		defer insp.Close()

		require.NoError(t, enqueue("named", asynq.TaskID("event-1")))
		assert.ErrorIs(t, enqueue("named", asynq.TaskID("event-1")), asynq.ErrTaskIDConflict, "one task per id")
		require.NoError(t, enqueue("unique", asynq.Unique(time.Hour)))
		assert.ErrorIs(t, enqueue("unique", asynq.Unique(time.Hour)), asynq.ErrDuplicateTask, "one while the lock lives")
		require.NoError(t, enqueue("later", asynq.ProcessIn(time.Hour), asynq.TaskID("later-1")))
		later, err := insp.GetTaskInfo(queue, "later-1")
		require.NoError(t, err)
		assert.Equal(t, asynq.TaskStateScheduled, later.State)
		require.NoError(t, insp.RunTask(queue, "later-1"))

		// The worker starts once everything is queued: a task that ran is
		// gone, and its id free again.
		srv := tasks.NewServer(r.Conn, config.Worker{Concurrency: 2, ShutdownTimeout: time.Second, Queues: map[string]int{queue: 1}}, testkit.Logger(t))
		require.NoError(t, srv.Start(mux))
		t.Cleanup(srv.Shutdown)
		done := func(want ...string) func() bool {
			return func() bool {
				mu.Lock()
				defer mu.Unlock()
				got := slices.Clone(ran)
				slices.Sort(got)
				return slices.Equal(got, want)
			}
		}
		require.Eventually(t, done("later", "named", "unique"), 15*time.Second, 20*time.Millisecond)
		require.NoError(t, enqueue("unique", asynq.Unique(time.Hour)), "the lock goes with the task's success")
		require.Eventually(t, done("later", "named", "unique", "unique"), 15*time.Second, 20*time.Millisecond)

		queues, err := insp.Queues()
		require.NoError(t, err)
		assert.Contains(t, queues, queue)
		info, err := insp.GetQueueInfo(queue)
		require.NoError(t, err)
		assert.Equal(t, 4, info.Processed)
		assert.Zero(t, info.Size, "nothing left")
		servers, err := insp.Servers()
		require.NoError(t, err)
		assert.True(t, slices.ContainsFunc(servers, func(s *asynq.ServerInfo) bool { return s.Queues[queue] == 1 }), "the worker is listed")
	})
}
