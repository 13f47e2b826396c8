package tasks_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// envKilledWorker hands the killed worker's process its Redis.
const envKilledWorker = "SIYU_TEST_KILLED_WORKER"

// typeKilled prefixes the task types the killed worker takes.
const typeKilled = "test:killed:"

// A worker SIGKILLed in the middle of periodic passes leaves them active
// until asynq's recoverer finds their lease expired (30 s, then a poll
// every minute; the test ages the leases instead of waiting). A pass whose
// period is still on runs again on another worker; one whose period ended
// meanwhile does not run past its deadline and ends archived. Both carry
// the options of a real entry of the schedule (the pool pass, once
// MaxRetry(0), which the recoverer archived at once).
func TestPeriodicTaskOfAKilledWorkerRunsAgainInItsPeriod(t *testing.T) {
	testkit.EachRedisAndCluster(t, func(t *testing.T, r *kv.Redis) {
		t.Parallel()
		kill := startKilledWorker(t, r.Conn)
		client, insp := asynq.NewClient(r.Conn), asynq.NewInspector(r.Conn)
		t.Cleanup(func() { client.Close(); insp.Close() })
		long := enqueuePass(t, client, "long", time.Hour, 0)
		waitState(t, insp, long, asynq.TaskStateActive, "the worker took the hour's pass")
		short := enqueuePass(t, client, "short", 3*time.Second, 55*time.Second)
		waitState(t, insp, short, asynq.TaskStateActive, "the worker took the 3 s pass")
		kill()
		time.Sleep(time.Until(short.Deadline) + time.Second)
		expireLeases(t, r.Client, long.ID, short.ID)

		var mu sync.Mutex
		runs := map[string]int{}
		startWorker(t, r, metrics.New(), map[string]asynq.HandlerFunc{typeKilled: func(_ context.Context, task *asynq.Task) error {
			mu.Lock()
			defer mu.Unlock()
			runs[task.Type()]++
			return nil
		}})
		hurryTo(t, insp, long, asynq.TaskStateCompleted, "the pass still in its period ran again")
		info := hurryTo(t, insp, short, asynq.TaskStateArchived, "the pass past its period ended")
		assert.Contains(t, info.LastErr, "deadline exceeded")
		mu.Lock()
		defer mu.Unlock()
		assert.Equal(t, map[string]int{long.Type: 1}, runs, "the hour's pass ran once more, the 3 s pass not past its end")
	})
}

// enqueuePass queues the pool pass's options with a period of length
// that started ago, as the scheduler does, under a type of the killed
// worker's. (A pass has a minute at the least: the short one's period
// started 55 s ago, so its deadline comes 5 s from now.)
func enqueuePass(t *testing.T, client *asynq.Client, name string, length, ago time.Duration) *asynq.TaskInfo {
	var entry tasks.Periodic
	for _, p := range tasks.Schedule(length) {
		if p.Task.Type() == tasks.TypeAssignPool {
			entry = p
		}
	}
	entry.Task = asynq.NewTask(typeKilled+name, nil)
	now := time.Now()
	e, err := tasks.NewPeriod(entry, time.UTC, now)
	require.NoError(t, err)
	require.Equal(t, length, e.Length())
	info, err := client.Enqueue(entry.Task, e.Options(now.Add(-ago))...)
	require.NoError(t, err)
	return info
}

func waitState(t *testing.T, insp *asynq.Inspector, task *asynq.TaskInfo, want asynq.TaskState, msg string) *asynq.TaskInfo {
	t.Helper()
	var info *asynq.TaskInfo
	require.Eventually(t, func() bool {
		var err error
		info, err = insp.GetTaskInfo(task.Queue, task.ID)
		return err == nil && info.State == want
	}, 30*time.Second, 50*time.Millisecond, "%s (%s)", msg, task.Type)
	return info
}

// hurryTo waits for task to reach state want, running it at once
// whenever it waits to retry (as the relay wakes a delivery) rather than
// waiting for asynq's 5 s poll of the retries due.
func hurryTo(t *testing.T, insp *asynq.Inspector, task *asynq.TaskInfo, want asynq.TaskState, msg string) *asynq.TaskInfo {
	t.Helper()
	var info *asynq.TaskInfo
	require.Eventually(t, func() bool {
		var err error
		if info, err = insp.GetTaskInfo(task.Queue, task.ID); err != nil {
			return false
		}
		if info.State == asynq.TaskStateRetry {
			_ = insp.RunTask(task.Queue, task.ID) // raced by asynq's own poll: nothing to do
		}
		return info.State == want
	}, 30*time.Second, 50*time.Millisecond, "%s (%s)", msg, task.Type)
	return info
}

// expireLeases ages the tasks' leases past asynq's 30 s margin, as a
// minute after the kill.
func expireLeases(t *testing.T, c redis.UniversalClient, ids ...string) {
	for _, id := range ids {
		z := redis.Z{Score: float64(time.Now().Add(-time.Minute).Unix()), Member: id}
		require.NoError(t, c.ZAddXX(context.Background(), "asynq:{"+tasks.QueueDefault+"}:lease", z).Err())
	}
}

// startKilledWorker runs the test binary as a worker of its own on conn
// (TestMain sees envKilledWorker and runs killedWorker instead of the
// tests), and returns what SIGKILLs it.
func startKilledWorker(t *testing.T, conn asynq.RedisConnOpt) (kill func()) {
	spec, err := json.Marshal(connSpecOf(conn))
	require.NoError(t, err)
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), envKilledWorker+"="+string(spec))
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	var once sync.Once
	kill = func() { once.Do(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }) }
	t.Cleanup(kill)
	return kill
}

// killedWorker is the worker TestPeriodicTaskOfAKilledWorker… starts and
// SIGKILLs: its handler never returns. spec is its Redis (connSpec).
func killedWorker(spec string) error {
	var c connSpec
	if err := json.NewDecoder(strings.NewReader(spec)).Decode(&c); err != nil {
		return err
	}
	mux := asynq.NewServeMux()
	mux.HandleFunc(typeKilled, func(context.Context, *asynq.Task) error {
		time.Sleep(time.Minute)
		return nil
	})
	srv := tasks.NewServer(c.conn(), workerConfig(), slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err := srv.Start(mux); err != nil {
		return err
	}
	time.Sleep(time.Minute) // killed long before
	return nil
}

// connSpec carries a Redis connection to another process.
type connSpec struct {
	Standalone *asynq.RedisClientOpt `json:"standalone,omitempty"`
	Cluster    *kv.ClusterConn       `json:"cluster,omitempty"`
}

func connSpecOf(conn asynq.RedisConnOpt) connSpec {
	switch c := conn.(type) {
	case asynq.RedisClientOpt:
		return connSpec{Standalone: &c}
	case kv.ClusterConn:
		return connSpec{Cluster: &c}
	}
	panic("unknown redis connection")
}

func (s connSpec) conn() asynq.RedisConnOpt {
	if s.Cluster != nil {
		return *s.Cluster
	}
	return *s.Standalone
}
