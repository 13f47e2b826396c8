package testkit

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
)

// redisDatabases is how many logical databases scripts/test gives Redis;
// index 0 holds the leases, the rest are handed out one per test.
const redisDatabases = 128

// EachRedis runs fn on the embedded Redis and on the real server.
func EachRedis(t *testing.T, fn func(t *testing.T, r *kv.Redis)) {
	eachRedis(t, fn, config.RedisEmbedded, config.RedisStandalone)
}

// EachRedisAndCluster runs fn on the embedded Redis, the real server and
// the Redis Cluster (see RedisConfig for what a test has of the cluster
// to itself).
func EachRedisAndCluster(t *testing.T, fn func(t *testing.T, r *kv.Redis)) {
	eachRedis(t, fn, config.RedisEmbedded, config.RedisStandalone, config.RedisCluster)
}

// EachRedisAndClusterKeys is EachRedisAndCluster for a test that uses keys
// of its own and never a task queue: on the cluster it takes no queue
// lease (ClusterKeysConfig), so it runs beside the tests that hold one.
func EachRedisAndClusterKeys(t *testing.T, fn func(t *testing.T, r *kv.Redis)) {
	EachRedis(t, fn)
	t.Run(config.RedisCluster, func(t *testing.T) { fn(t, OpenRedis(t, ClusterKeysConfig(t))) })
}

func eachRedis(t *testing.T, fn func(t *testing.T, r *kv.Redis), modes ...string) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) { fn(t, OpenRedis(t, RedisConfig(t, mode))) })
	}
}

// OpenRedis connects to cfg and closes the connection when t ends.
func OpenRedis(t testing.TB, cfg config.Redis) *kv.Redis {
	t.Helper()
	r, err := kv.Open(context.Background(), cfg, Logger(t))
	require.NoError(t, err)
	t.Cleanup(func() { r.Close() })
	return r
}

// RedisConfig returns the configuration of an empty Redis for t alone: an
// embedded server with its snapshot in a temporary folder, or a logical
// database of the test server leased for t and flushed before and after.
// A cluster has no logical databases: t gets the shared test cluster with
// its task queues leased and emptied (ClusterConfig).
func RedisConfig(t testing.TB, mode string) config.Redis {
	t.Helper()
	if mode == config.RedisCluster {
		return ClusterConfig(t)
	}
	if mode == config.RedisEmbedded {
		return config.Redis{
			Mode:             config.RedisEmbedded,
			EmbeddedAddr:     "127.0.0.1:0",
			SnapshotPath:     filepath.Join(t.TempDir(), "redis.snapshot"),
			SnapshotInterval: time.Second,
		}
	}
	addr := serverEnv(t, EnvRedisAddr)
	return config.Redis{Mode: config.RedisStandalone, Addr: addr, DB: leaseRedisDB(t, addr)}
}

// leaseRedisDB takes a free logical database with SET NX on a lease key, so
// test packages running in parallel never share (or flush) each other's
// queues.
func leaseRedisDB(t testing.TB, addr string) int {
	t.Helper()
	ctx := context.Background()
	admin := redis.NewClient(&redis.Options{Addr: addr})
	defer admin.Close()
	token := RandomName("lease-")
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		for i := 1; i < redisDatabases; i++ {
			key := leaseKey(i)
			ok, err := admin.SetNX(ctx, key, token, 30*time.Minute).Result()
			require.NoError(t, err, "lease redis database on %s", addr)
			if ok {
				flushRedisDB(t, addr, i)
				t.Cleanup(func() { releaseRedisDB(t, addr, i, token) })
				return i
			}
		}
	}
	t.Fatalf("no free redis database on %s", addr)
	return 0
}

func releaseRedisDB(t testing.TB, addr string, i int, token string) {
	flushRedisDB(t, addr, i)
	admin := redis.NewClient(&redis.Options{Addr: addr})
	defer admin.Close()
	ctx := context.Background()
	if admin.Get(ctx, leaseKey(i)).Val() == token {
		admin.Del(ctx, leaseKey(i))
	}
}

func flushRedisDB(t testing.TB, addr string, i int) {
	c := redis.NewClient(&redis.Options{Addr: addr, DB: i})
	defer c.Close()
	if err := c.FlushDB(context.Background()).Err(); err != nil {
		t.Errorf("flush redis db %d: %v", i, err)
	}
}

func leaseKey(i int) string { return fmt.Sprintf("siyu:test:lease:%d", i) }
