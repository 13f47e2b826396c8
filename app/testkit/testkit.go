// Package testkit gives tests real backends: a fresh, migrated database on
// MariaDB/MySQL and on SQLite, and a Redis real, clustered and embedded.
// The real servers come from scripts/test (SIYU_TEST_MYSQL_DSN,
// SIYU_TEST_REDIS_ADDR, SIYU_TEST_REDIS_CLUSTER_ADDRS, and a MariaDB
// Galera cluster's SIYU_TEST_GALERA_DSNS, galera.go); when they are
// missing a test skips, unless CI=true or SIYU_TEST_REQUIRE_SERVERS=1,
// where it fails.
package testkit

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/siyu-scrm/siyu/app/secret"
)

// Env names of the real test servers.
const (
	EnvMySQLDSN  = "SIYU_TEST_MYSQL_DSN"
	EnvRedisAddr = "SIYU_TEST_REDIS_ADDR"
	// EnvRedisClusterAddrs lists the test cluster's nodes, comma separated
	// (scripts/lib/rcluster.sh).
	EnvRedisClusterAddrs = "SIYU_TEST_REDIS_CLUSTER_ADDRS"
)

// RequireServers reports whether a missing server must fail the test.
func RequireServers() bool {
	return os.Getenv("CI") == "true" || os.Getenv("SIYU_TEST_REQUIRE_SERVERS") == "1"
}

// serverEnv returns the value of env, failing or skipping t when it is unset.
func serverEnv(t testing.TB, env string) string {
	t.Helper()
	v := os.Getenv(env)
	if v != "" {
		return v
	}
	if RequireServers() {
		t.Fatalf("%s is not set: run the tests through scripts/test", env)
	}
	t.Skipf("%s is not set: run scripts/test to test against real servers", env)
	return ""
}

// Logger returns a logger that writes to the test log only when -v is set.
func Logger(t testing.TB) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }

// RandomName returns prefix plus random hex, for databases, queues and keys
// that must not collide between parallel test packages.
func RandomName(prefix string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// Box returns a secret box with a fixed test key.
func Box(t testing.TB) *secret.Box {
	b, err := secret.New([]byte("siyu-test-key-0123456789abcdefgh"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
