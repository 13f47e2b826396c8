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
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

const kindAdd, kindOther = "change_external_contact/add_external_contact", "change_external_contact/del_follow_user"

// counter is a subscriber that counts the events it handles and fails as
// its events' keys say: "flaky" once, "bad" for good.
type counter struct {
	mu     sync.Mutex
	calls  map[string]int
	failed map[string]bool
}

func newCounter() *counter { return &counter{calls: map[string]int{}, failed: map[string]bool{}} }

func (c *counter) handle(_ context.Context, e *app.InboxEvent) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[e.Payload]++
	switch e.Payload {
	case "flaky":
		if !c.failed[e.Payload] {
			c.failed[e.Payload] = true
			return errors.New("connection reset")
		}
	case "bad":
		return app.Errorf(app.EINVALID, "坏数据")
	}
	return nil
}

func (c *counter) count(name string) int { c.mu.Lock(); defer c.mu.Unlock(); return c.calls[name] }

// registry returns a registry on d queueing on r, with subscriber "a"
// (adds) and "b" (deletions).
func registry(d *db.DB, r *kv.Redis, a, b *counter) *tasks.Registry {
	q := asynq.NewClient(r.Conn)
	reg := tasks.NewRegistry(db.NewDeliveryStore(d), tasks.NewEnqueuer(q))
	reg.Subscribe(tasks.Subscription{Name: "test.a", Kinds: []string{kindAdd}, Handle: a.handle})
	reg.Subscribe(tasks.Subscription{Name: "test.b", Kinds: []string{kindOther}, Handle: b.handle})
	return reg
}

// stored saves events with the payloads names (the counters key on them)
// in d's inbox, as applied events would be.
func stored(t *testing.T, d *db.DB, corpID int64, kind string, names ...string) []*app.InboxEvent {
	var es []*app.InboxEvent
	for _, n := range names {
		e := &app.InboxEvent{CorpID: corpID, DedupeKey: fmt.Sprintf("%064s", n+kind[len(kind)-3:]), Kind: kind, Payload: n,
			EventTime: time.Now().UTC(), Status: app.InboxApplied}
		_, err := db.NewInboxStore(d).SaveEvent(context.Background(), e)
		require.NoError(t, err)
		es = append(es, e)
	}
	return es
}

// eachSetUp runs fn on MariaDB with Redis, on MariaDB with the Redis
// Cluster and on the embedded pair.
func eachSetUp(t *testing.T, fn func(t *testing.T, d *db.DB, r *kv.Redis)) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		mode := config.RedisStandalone
		if d.Dialect() == config.DriverSQLite {
			mode = config.RedisEmbedded
		}
		fn(t, d, testkit.OpenRedis(t, testkit.RedisConfig(t, mode)))
	})
	t.Run("cluster", func(t *testing.T) {
		fn(t, testkit.MigratedDB(t, config.DriverMySQL), testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisCluster)))
	})
}

// pendingDeliveries counts the deliveries still recorded, by status.
func pendingDeliveries(t *testing.T, d *db.DB) map[string]int {
	rows, err := d.SQL().Query("SELECT status, COUNT(*) FROM event_deliveries GROUP BY status")
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		require.NoError(t, rows.Scan(&s, &n))
		out[s] = n
	}
	return out
}

// An applied batch reaches each subscriber of its kind once, as one task;
// a failure is retried on its own (the rest are not redone), one that can
// never succeed is given up alone and kept as failed, a subscriber of
// another kind hears nothing, and handled deliveries are gone.
func TestDeliveriesRetryApart(t *testing.T) {
	eachSetUp(t, func(t *testing.T, d *db.DB, r *kv.Redis) {
		a, b := newCounter(), newCounter()
		reg := registry(d, r, a, b)
		mux := tasks.NewServeMux(tasks.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Registry: reg})
		srv := tasks.NewServer(r.Conn, workerConfig(), testkit.Logger(t))
		require.NoError(t, srv.Start(mux))
		t.Cleanup(srv.Shutdown)

		es := stored(t, d, 1, kindAdd, "one", "flaky", "two", "bad", "three")
		for range 2 { // the same batch delivered twice is handled once
			require.NoError(t, d.InTx(context.Background(), func(ctx context.Context) error { return reg.Deliver(ctx, es) }))
		}
		require.Eventually(t, func() bool {
			return a.count("flaky") == 2 && a.count("bad") == 2 && pendingDeliveries(t, d)[app.DeliveryFailed] == 1
		}, 20*time.Second, 20*time.Millisecond)
		for name, want := range map[string]int{"one": 1, "two": 1, "three": 1, "flaky": 2, "bad": 2} {
			assert.Equal(t, want, a.count(name), "handlings of %s", name)
		}
		assert.Empty(t, b.calls, "a subscriber of another kind hears nothing")
		assert.Equal(t, map[string]int{app.DeliveryFailed: 1}, pendingDeliveries(t, d), "handled deliveries are gone, the hopeless one kept")
	})
}

// A delivery whose task the queue lost (Redis killed between snapshots,
// or down when the event was applied) is found by the relay and handled.
func TestRelayQueuesLostDeliveries(t *testing.T) {
	eachSetUp(t, func(t *testing.T, d *db.DB, r *kv.Redis) {
		a, b := newCounter(), newCounter()
		lost := testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded)) // nobody serves it
		es := stored(t, d, 1, kindOther, "gone")
		require.NoError(t, d.InTx(context.Background(), func(ctx context.Context) error {
			return registry(d, lost, a, b).Deliver(ctx, es)
		}))
		reg := registry(d, r, a, b)
		mux := tasks.NewServeMux(tasks.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Registry: reg,
			Inbox: db.NewInboxStore(d), Enqueuer: tasks.NewEnqueuer(asynq.NewClient(r.Conn)), RelayAfter: time.Millisecond})
		srv := tasks.NewServer(r.Conn, config.Worker{Concurrency: 4, ShutdownTimeout: time.Second,
			Queues: map[string]int{tasks.QueueDefault: 1, tasks.QueueLow: 1}}, testkit.Logger(t))
		require.NoError(t, srv.Start(mux))
		t.Cleanup(srv.Shutdown)
		time.Sleep(5 * time.Millisecond)
		q := asynq.NewClient(r.Conn)
		t.Cleanup(func() { q.Close() })
		_, err := q.Enqueue(tasks.NewRelayTask(), asynq.Queue(tasks.QueueLow))
		require.NoError(t, err)
		require.Eventually(t, func() bool { return b.count("gone") == 1 && len(pendingDeliveries(t, d)) == 0 }, 20*time.Second, 20*time.Millisecond)
	})
}
