package testkit

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
)

// A test's own cluster looks for free ports from a random one of
// ownClusterPort + n·10, apart from the shared cluster at 17100, so two
// clusters started at once seldom race for the same ports.
const ownClusterPort = 17300

// Cluster is a Redis Cluster of one test's own, which it may break.
type Cluster struct {
	Addrs []string
	pids  []int
}

// StartRedisCluster starts a Redis Cluster for t alone through
// scripts/lib/rcluster.sh (three primaries with a replica each, a node
// timeout of 2 seconds), for a test that kills its nodes; the shared test
// cluster is never broken. Every node is killed when t ends.
func StartRedisCluster(t testing.TB) *Cluster {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if RequireServers() {
			t.Fatalf("redis-server is not installed: run the tests through scripts/test")
		}
		t.Skip("redis-server is not installed: run scripts/test to test against a Redis Cluster")
	}
	script := filepath.Join(moduleRoot(t), "scripts", "lib", "rcluster.sh")
	cmd := exec.Command("bash", "-c", `source "$0" && { start_redis_cluster || { stop_redis_cluster; exit 1; }; } &&
		echo "$SIYU_TEST_REDIS_CLUSTER_ADDRS" && echo "${REDIS_CLUSTER_PID[*]}"`, script)
	cmd.Env = append(os.Environ(), "SIYU_TEST_TMP="+t.TempDir(), "SIYU_TEST_REDIS_CLUSTER_PORT="+strconv.Itoa(ownClusterPort+10*rand.IntN(50)))
	var errOut strings.Builder
	cmd.Stderr = &errOut
	out, err := cmd.Output()
	require.NoError(t, err, "start a Redis Cluster: %s", errOut.String())
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	require.Len(t, lines, 2, "rcluster.sh printed %q", out)
	c := &Cluster{Addrs: strings.Split(lines[0], ",")}
	for _, f := range strings.Fields(lines[1]) {
		pid, err := strconv.Atoi(f)
		require.NoError(t, err)
		c.pids = append(c.pids, pid)
	}
	t.Cleanup(func() {
		for _, pid := range c.pids {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	})
	return c
}

// Config is the cluster's configuration.
func (c *Cluster) Config() config.Redis {
	return config.Redis{Mode: config.RedisCluster, Addrs: c.Addrs}
}

// KillPrimary SIGKILLs the primary holding key and returns its address;
// its replica takes over once the node timeout has passed.
func (c *Cluster) KillPrimary(t testing.TB, key string) string {
	t.Helper()
	ctx := context.Background()
	admin := redis.NewClusterClient(kv.ClusterConn{Addrs: c.Addrs}.Options())
	defer admin.Close()
	node, err := admin.MasterForKey(ctx, key)
	require.NoError(t, err)
	info, err := node.Info(ctx, "server").Result()
	require.NoError(t, err)
	pid := infoField(info, "process_id")
	require.True(t, slices.Contains(c.pids, pid), "the primary of %s (pid %d) is no node of this cluster", key, pid)
	require.NoError(t, syscall.Kill(pid, syscall.SIGKILL))
	return node.Options().Addr
}

// infoField reads an integer field of an INFO reply.
func infoField(info, name string) int {
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), name+":"); ok {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	return 0
}

// moduleRoot is the folder of go.mod, found from the test's working
// directory (its package's folder).
func moduleRoot(t testing.TB) string {
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "go.mod not found above the test's folder")
		dir = parent
	}
}
