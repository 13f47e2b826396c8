package testkit

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
)

// The queue lease: one key on the cluster, renewed while its test runs, so
// a test process that dies frees it within clusterLeaseTTL.
const (
	clusterLeaseKey  = "siyu:test:cluster:queues"
	clusterLeaseTTL  = 15 * time.Second
	clusterLeaseWait = 5 * time.Minute
)

// renewScript extends the lease only while it is still ours.
var renewScript = redis.NewScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`)

// releaseScript drops the lease only while it is still ours.
var releaseScript = redis.NewScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`)

// ClusterConfig returns the shared test cluster (EnvRedisClusterAddrs)
// with its task queues leased for t.
//
// A cluster has a single database, so every test package using it shares
// one keyspace, without FLUSHALL. Siyu's own keys carry the corp, app,
// token or prefix they belong to, and tests write under corps and names of
// their own (the sandbox's random corp ids, RandomName), so keys need
// nothing more. asynq's queues are fixed names ("default"…) whose worker
// runs whatever was queued there: two tests serving them at once would
// run each other's tasks. So t holds the cluster's one queue lease while
// it runs (other cluster tests wait for it), and the queues are emptied
// as t takes the lease and as it hands it back.
func ClusterConfig(t testing.TB) config.Redis {
	t.Helper()
	cfg := ClusterKeysConfig(t)
	leaseClusterQueues(t, cfg.Addrs)
	return cfg
}

// ClusterKeysConfig returns the shared test cluster without its queue
// lease, for a test that neither enqueues nor serves tasks: its keys are
// its own (see ClusterConfig), so it need not wait for the lease, which a
// queue test can hold for minutes.
func ClusterKeysConfig(t testing.TB) config.Redis {
	t.Helper()
	addrs := strings.Split(serverEnv(t, EnvRedisClusterAddrs), ",")
	return config.Redis{Mode: config.RedisCluster, Addrs: addrs}
}

func leaseClusterQueues(t testing.TB, addrs []string) {
	t.Helper()
	ctx := context.Background()
	admin := redis.NewClusterClient(kv.ClusterConn{Addrs: addrs}.Options())
	token := RandomName("lease-")
	for deadline := time.Now().Add(clusterLeaseWait); ; time.Sleep(20 * time.Millisecond) {
		ok, err := admin.SetNX(ctx, clusterLeaseKey, token, clusterLeaseTTL).Result()
		require.NoError(t, err, "lease the test cluster's queues")
		if ok {
			break
		}
		if time.Now().After(deadline) {
			admin.Close()
			t.Fatalf("the test cluster's queues stayed leased for %s", clusterLeaseWait)
		}
	}
	require.NoError(t, clearClusterQueues(ctx, admin), "empty the test cluster's queues")
	stop, done := make(chan struct{}), make(chan struct{})
	go renewLease(t, admin, token, stop, done)
	t.Cleanup(func() {
		if err := clearClusterQueues(ctx, admin); err != nil {
			t.Errorf("empty the test cluster's queues: %v", err)
		}
		close(stop)
		<-done
		releaseScript.Run(ctx, admin, []string{clusterLeaseKey}, token)
		admin.Close()
	})
}

func renewLease(t testing.TB, admin *redis.ClusterClient, token string, stop, done chan struct{}) {
	defer close(done)
	tick := time.NewTicker(clusterLeaseTTL / 3)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			n, err := renewScript.Run(context.Background(), admin, []string{clusterLeaseKey}, token, clusterLeaseTTL.Milliseconds()).Int()
			if err == nil && n == 0 {
				t.Errorf("the test cluster's queue lease was lost")
				return
			}
		}
	}
}

// clearClusterQueues deletes every key of every asynq queue. A queue's
// keys share its hash tag ("asynq:{default}:…"), so they sit on one
// primary, where SCAN finds them.
func clearClusterQueues(ctx context.Context, c *redis.ClusterClient) error {
	queues, err := c.SMembers(ctx, "asynq:queues").Result()
	if err != nil {
		return err
	}
	for _, q := range queues {
		prefix := "asynq:{" + q + "}:"
		node, err := c.MasterForKey(ctx, prefix)
		if err != nil {
			return err
		}
		if err := deleteMatching(ctx, node, globEscape(prefix)+"*"); err != nil {
			return err
		}
		if err := c.SRem(ctx, "asynq:queues", q).Err(); err != nil {
			return err
		}
	}
	return nil
}

// deleteMatching deletes the keys of node matching pattern, which must
// all hash to one slot (a multi-key DEL on a cluster may not span slots).
func deleteMatching(ctx context.Context, node *redis.Client, pattern string) error {
	var cursor uint64
	for {
		keys, next, err := node.Scan(ctx, cursor, pattern, 1000).Result()
		if err != nil {
			return err
		}
		if len(keys) > 0 {
			if err := node.Del(ctx, keys...).Err(); err != nil {
				return err
			}
		}
		if cursor = next; cursor == 0 {
			return nil
		}
	}
}

// globEscape makes s match itself in a SCAN pattern.
func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`, `]`, `\]`).Replace(s)
}

// Keys lists r's keys matching pattern. KEYS or SCAN on a cluster client
// asks one node, which holds a third of the keys: on a cluster every
// primary is scanned.
func Keys(t testing.TB, r *kv.Redis, pattern string) []string {
	t.Helper()
	ctx := context.Background()
	scan := func(ctx context.Context, c redis.Cmdable) ([]string, error) {
		var out []string
		iter := c.Scan(ctx, 0, pattern, 1000).Iterator()
		for iter.Next(ctx) {
			out = append(out, iter.Val())
		}
		return out, iter.Err()
	}
	cc, ok := r.Client.(*redis.ClusterClient)
	if !ok {
		keys, err := scan(ctx, r.Client)
		require.NoError(t, err)
		return keys
	}
	var mu sync.Mutex
	var keys []string
	require.NoError(t, cc.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error {
		part, err := scan(ctx, node)
		mu.Lock()
		defer mu.Unlock()
		keys = append(keys, part...)
		return err
	}))
	return keys
}
