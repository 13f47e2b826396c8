package tasks_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// onboarder stands in for the assignment capability: it counts calls per
// customer and fails as told.
type onboarder struct {
	mu     sync.Mutex
	calls  map[string]int
	failed map[string]bool
}

func (o *onboarder) OnboardAdd(_ context.Context, a app.CustomerAdd) (bool, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.calls[a.ExternalUserID]++
	switch a.ExternalUserID {
	case "wm_flaky":
		if !o.failed[a.ExternalUserID] {
			o.failed[a.ExternalUserID] = true
			return false, errors.New("connection reset")
		}
	case "wm_bad":
		return false, app.Errorf(app.EINVALID, "坏数据")
	case "wm_greeted":
		return true, nil
	}
	return false, nil
}

// reads counts the customers read.
type reads struct {
	mu    sync.Mutex
	calls map[string]int
}

func (r *reads) RefreshCustomer(_ context.Context, _ int64, ext string, _ time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls[ext]++
	return nil
}

func (o *onboarder) count(ext string) int { o.mu.Lock(); defer o.mu.Unlock(); return o.calls[ext] }
func (r *reads) count(ext string) int     { r.mu.Lock(); defer r.mu.Unlock(); return r.calls[ext] }

// A batch of adds is one task; an add that fails is retried on its own,
// so the others are neither redone nor held back, and one that can never
// succeed is given up alone. Reads follow for those the greeting did not
// read, once each.
func TestAddedBatchRetriesFailuresApart(t *testing.T) {
	testkit.EachRedis(t, func(t *testing.T, r *kv.Redis) {
		o := &onboarder{calls: map[string]int{}, failed: map[string]bool{}}
		rd := &reads{calls: map[string]int{}}
		client := asynq.NewClient(r.Conn)
		t.Cleanup(func() { client.Close() })
		q := tasks.NewEnqueuer(client)
		mux := tasks.NewServeMux(tasks.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Enqueuer: q, Onboarder: o, Refresher: rd})
		srv := tasks.NewServer(r.Conn, workerConfig(), testkit.Logger(t))
		require.NoError(t, srv.Start(mux))
		t.Cleanup(srv.Shutdown)

		exts := []string{"wm_a", "wm_flaky", "wm_greeted", "wm_bad", "wm_b"}
		var adds []app.CustomerAdd
		for i, ext := range exts {
			adds = append(adds, app.CustomerAdd{CorpID: 1, UserID: "g", ExternalUserID: ext, EventKey: fmt.Sprintf("k%d", i), At: time.Now().UTC()})
		}
		require.NoError(t, q.EnqueueAdded(context.Background(), adds))
		require.NoError(t, q.EnqueueAdded(context.Background(), adds), "the same batch queued again runs once")

		insp := asynq.NewInspector(r.Conn)
		t.Cleanup(func() { insp.Close() })
		require.Eventually(t, func() bool {
			info, err := insp.GetQueueInfo(tasks.QueueCritical)
			return err == nil && info.Archived == 1 && info.Pending+info.Active+info.Retry == 0 &&
				rd.count("wm_a")+rd.count("wm_b")+rd.count("wm_flaky") == 3
		}, 20*time.Second, 20*time.Millisecond)
		for ext, want := range map[string]int{"wm_a": 1, "wm_b": 1, "wm_greeted": 1, "wm_flaky": 2, "wm_bad": 2} {
			assert.Equal(t, want, o.count(ext), "onboardings of %s", ext)
		}
		for ext, want := range map[string]int{"wm_a": 1, "wm_b": 1, "wm_flaky": 1, "wm_greeted": 0, "wm_bad": 0} {
			assert.Equal(t, want, rd.count(ext), "reads of %s", ext)
		}
	})
}

// A task queued by an earlier version, one add per task as a JSON object,
// is still run after an upgrade, and so is its read.
func TestAddedTaskOfEarlierVersionRuns(t *testing.T) {
	testkit.EachRedis(t, func(t *testing.T, r *kv.Redis) {
		o := &onboarder{calls: map[string]int{}, failed: map[string]bool{}}
		rd := &reads{calls: map[string]int{}}
		client := asynq.NewClient(r.Conn)
		t.Cleanup(func() { client.Close() })
		mux := tasks.NewServeMux(tasks.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Enqueuer: tasks.NewEnqueuer(client), Onboarder: o, Refresher: rd})
		srv := tasks.NewServer(r.Conn, workerConfig(), testkit.Logger(t))
		require.NoError(t, srv.Start(mux))
		t.Cleanup(srv.Shutdown)

		old := `{"CorpID":1,"UserID":"g","ExternalUserID":"wm_old","EventKey":"k-old","At":"2026-11-01T00:00:00Z"}`
		_, err := client.Enqueue(asynq.NewTask(tasks.TypeCustomerAdded, []byte(old)), asynq.Queue(tasks.QueueCritical))
		require.NoError(t, err)
		require.Eventually(t, func() bool { return rd.count("wm_old") == 1 }, 10*time.Second, 20*time.Millisecond)
		assert.Equal(t, 1, o.count("wm_old"))
	})
}
