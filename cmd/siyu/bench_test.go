package main

import (
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// BenchmarkColdStart measures the built binary from exec to /readyz = 200.
// "embedded" starts on a brand-new SQLite file and embedded Redis (so it
// includes creating the schema), as a newcomer's first run does;
// "mariadb+redis" starts on a migrated MariaDB and a real Redis, as a
// production process does. "exec-ceiling" is `siyu version`: the cost of
// starting the process at all, measured in the same run.
func BenchmarkColdStart(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "siyu")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(b, err, string(out))

	b.Run("exec-ceiling", func(b *testing.B) {
		for b.Loop() {
			require.NoError(b, exec.Command(bin, "version").Run())
		}
	})
	b.Run("embedded", func(b *testing.B) {
		coldStarts(b, bin, func() []string {
			dir := b.TempDir()
			return []string{"SIYU_DATABASE_DSN=" + filepath.Join(dir, "siyu.db"), "SIYU_REDIS_SNAPSHOT_PATH=" + filepath.Join(dir, "redis.snap"),
				"SIYU_SECURITY_SECRET_KEY_FILE=" + filepath.Join(dir, "secret.key"), "SIYU_SECURITY_API_TOKEN_FILE=" + filepath.Join(dir, "api.token"),
				"SIYU_SANDBOX_JOURNAL_PATH=" + filepath.Join(dir, "sandbox.journal"), "SIYU_SANDBOX_URL_FILE=" + filepath.Join(dir, "sandbox.url")}
		})
	})
	b.Run("mariadb+redis", func(b *testing.B) {
		dbCfg := testkit.DatabaseConfig(b, config.DriverMySQL)
		redisCfg := testkit.RedisConfig(b, config.RedisStandalone)
		env := append(configEnv(dbCfg, redisCfg), "SIYU_DATABASE_AUTO_MIGRATE=false")
		migrate := exec.Command(bin, "migrate", "up")
		migrate.Env = append(cleanEnv(), env...)
		out, err := migrate.CombinedOutput()
		require.NoError(b, err, string(out))
		coldStarts(b, bin, func() []string { return env })
	})
}

func coldStarts(b *testing.B, bin string, env func() []string) {
	var total time.Duration
	for b.Loop() {
		e := append(env(), "SIYU_LOG_LEVEL=warn")
		start := time.Now()
		p := startBinary(b, bin, e)
		total += time.Since(start)
		require.Equal(b, 0, p.stop(b, syscall.SIGTERM))
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/start")
}
