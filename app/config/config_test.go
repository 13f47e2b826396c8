package config_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
)

func TestLoadDefaults(t *testing.T) {
	c, err := config.Load("", nil)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:8080", c.HTTP.Addr, "binds loopback by default")
	assert.Equal(t, config.DriverSQLite, c.Database.Driver)
	assert.Equal(t, config.RedisEmbedded, c.Redis.Mode)
	assert.True(t, c.Database.AutoMigrate)
	assert.Equal(t, 10*time.Second, c.Worker.ShutdownTimeout)
	assert.Equal(t, 3, c.Worker.Queues["default"])
	assert.Equal(t, 8, c.Worker.CriticalConcurrency, "welcome messages have a pool of their own")
	assert.Equal(t, time.Minute, c.Scheduler.Tick, "the minute sweeps run every minute")
	assert.Equal(t, 30*time.Second, c.Scheduler.MaxClockSkew, "schedulers agree with Redis within 30 s")
	assert.Equal(t, 24*time.Hour, c.Mini.SessionTTL)
	assert.Equal(t, config.Rate{PerMinute: 30, Burst: 10}, c.Mini.LoginPerIP)
	assert.Equal(t, 7, c.Stats.RecomputeDays, "the nightly aggregates reach a week back")
}

func TestLoadFileThenEnv(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.yaml")
	yaml := "http:\n  addr: 127.0.0.1:9000\ndatabase:\n  driver: mysql\n  dsn: from-file\n"
	require.NoError(t, os.WriteFile(path, []byte(yaml), 0o600))
	c, err := config.Load(path, []string{
		"SIYU_DATABASE_DSN=from-env",
		"SIYU_HTTP_SHUTDOWN_TIMEOUT=3s",
		"SIYU_REDIS_ADDRS=a:1, b:2",
		"SIYU_WORKER_QUEUES_LOW=2",
		"SIYU_TEST_MYSQL_DSN=ignored",
		"OTHER=1",
	})
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:9000", c.HTTP.Addr, "file overrides defaults")
	assert.Equal(t, "from-env", c.Database.DSN, "env overrides file")
	assert.Equal(t, config.DriverMySQL, c.Database.Driver)
	assert.Equal(t, 3*time.Second, c.HTTP.ShutdownTimeout)
	assert.Equal(t, []string{"a:1", "b:2"}, c.Redis.Addrs)
	assert.Equal(t, 2, c.Worker.Queues["low"])
}

func TestLoadRejectsBadValues(t *testing.T) {
	_, err := config.Load("", []string{
		"SIYU_DATABASE_DRIVER=postgres",
		"SIYU_REDIS_MODE=cluster",
		"SIYU_HTTP_ADDR=8080",
		"SIYU_TIMEZONE=Mars/Base",
		"SIYU_SCHEDULER_TICK=100ms",
		"SIYU_MINI_SESSION_TTL=1s",
		"SIYU_MINI_PER_OPENID_BURST=0",
		"SIYU_STATS_RECOMPUTE_DAYS=0",
	})
	require.Error(t, err)
	for _, key := range []string{"database.driver", "redis.addrs", "http.addr", "timezone", "scheduler.tick", "mini.session_ttl", "mini.per_openid",
		"stats.recompute_days"} {
		assert.Contains(t, err.Error(), key)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := config.Load(filepath.Join(t.TempDir(), "nope.yaml"), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nope.yaml")
}

func TestWeComClientSettings(t *testing.T) {
	c, err := config.Load("", []string{"SIYU_WECOM_RATE_PER_MINUTE=9000", "SIYU_WECOM_RETRY_ATTEMPTS=3", "SIYU_WECOM_RECONCILE_EVERY=6h"})
	require.NoError(t, err)
	assert.Equal(t, 9000, c.WeCom.Rate.PerMinute)
	assert.Equal(t, 3, c.WeCom.Retry.Attempts)
	assert.Equal(t, 6*time.Hour, c.WeCom.Reconcile.Every)
	assert.Equal(t, 15*time.Second, c.WeCom.HTTPTimeout)

	_, err = config.Load("", []string{"SIYU_WECOM_RATE_PER_MINUTE=9900", "SIYU_WECOM_RETRY_BASE=0s"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "wecom.rate", "over WeCom's own 10,000 a minute with the burst")
	assert.Contains(t, err.Error(), "wecom.retry.base")
}

// The Galera example loads with the production secrets and names every
// node.
func TestGaleraExampleLoads(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	example := filepath.Join(filepath.Dir(file), "..", "..", "configs", "galera.example.yaml")
	c, err := config.Load(example, []string{"SIYU_DATABASE_DSN=u:p@tcp(db1:3306)/siyu?timeout=2s", "SIYU_SECURITY_SECRET_KEY=k"})
	require.NoError(t, err)
	assert.Equal(t, []string{"db1.internal:3306", "db2.internal:3306", "db3.internal:3306"}, c.Database.Nodes)
	assert.Equal(t, config.DriverMySQL, c.Database.Driver)
}

// database.nodes are host:port addresses of a MySQL driver.
func TestDatabaseNodesAreChecked(t *testing.T) {
	_, err := config.Load("", []string{"SIYU_DATABASE_NODES=db1:3306, db2"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `database.nodes: want host:port, got "db2"`)
	assert.Contains(t, err.Error(), "a Galera cluster's nodes need driver mysql")
	c, err := config.Load("", []string{"SIYU_DATABASE_DRIVER=mysql", "SIYU_DATABASE_DSN=u:p@tcp(x:1)/siyu", "SIYU_DATABASE_NODES=db1:3306, db2:3306"})
	require.NoError(t, err)
	assert.Equal(t, []string{"db1:3306", "db2:3306"}, c.Database.Nodes)
}
