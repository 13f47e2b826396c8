package directory_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// defaultQueueKey is a key of asynq's default queue, where every event's
// task goes: its primary is the one whose death hurts most.
const defaultQueueKey = "asynq:{default}:pending"

// TestRedisClusterFailover SIGKILLs the primary holding the event queue
// while WeCom keeps delivering, on a cluster of this test's own. Its
// replica takes over once the node timeout (2 s) has passed; meanwhile
// events are still stored and acknowledged (the inbox is in MariaDB, the
// relay queues what Redis refused), and once the replica serves the slots
// callbacks and tasks carry on. Afterwards every acknowledged event was
// applied exactly once and the directory equals the sandbox.
func TestRedisClusterFailover(t *testing.T) {
	cluster := testkit.StartRedisCluster(t)
	s := startSiyuOn(t, testkit.DatabaseConfig(t, config.DriverMySQL), cluster.Config(), nil,
		sandbox.DeliveryOptions{Workers: 4, Retries: 5, RetryDelay: 400 * time.Millisecond, Timeout: 5 * time.Second})
	a := newActor(t, s.sc, 4)
	act := func(n int) {
		for i := range n {
			if i%10 == 0 {
				s.sc.DuplicateNext(3, 2)
			}
			a.step()
		}
	}
	act(40)
	killedAt := time.Now()
	killed := cluster.KillPrimary(t, defaultQueueKey)
	ready := func() error { return s.redis.Ping(context.Background()) }
	require.ErrorContains(t, ready(), killed, "/readyz names the primary that is down")
	require.ErrorAs(t, ready(), new(app.Degraded), "one primary of three down: degraded, the instance stays in rotation")
	// A process (re)started now starts, degraded.
	testkit.OpenRedis(t, cluster.Config())
	act(40) // callbacks while the slots have no primary, and after
	took := waitFailover(t, s)
	require.Eventually(t, func() bool { return ready() == nil }, 10*time.Second, 100*time.Millisecond, "ready again once the replica serves")
	act(20)
	s.settleWithRelay(t)

	acked, refused := s.ackedKeys(t)
	assert.Equal(t, acked, s.inboxKeys(t), "every acknowledged event is stored and applied, nothing else")
	assertMirrors(t, s)
	testkit.Report(t, "killed the primary %s of %s; a replica served its slots %s later; %d events acknowledged and applied once, %d deliveries, %d attempts refused",
		killed, defaultQueueKey, took.Sub(killedAt).Round(100*time.Millisecond), len(acked), len(s.sc.Deliveries()), refused)
}

// waitFailover waits until Siyu's own cluster client, which mapped the
// slots before the kill, writes to key's slot again, and returns when.
// Its map refresh (kv.ClusterConn) makes that seconds after the replica
// took over; go-redis's default would leave the slots failing for a
// minute, past the bound here.
func waitFailover(t *testing.T, s *siyu) time.Time {
	ctx := context.Background()
	require.Eventually(t, func() bool {
		return s.redis.Client.Set(ctx, "{default}:failover", 1, time.Minute).Err() == nil
	}, 30*time.Second, 50*time.Millisecond, "Siyu writes to the slots of the killed primary again")
	return time.Now()
}
