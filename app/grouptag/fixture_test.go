package grouptag_test

import (
	"testing"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary; each test has a corp
// of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 29}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

// eachBackend runs fn on MariaDB + Redis and on SQLite + miniredis.
func eachBackend(t *testing.T, fn func(t *testing.T, s *stack.Stack)) {
	for _, tc := range []struct{ name, driver, redis string }{
		{"mysql", config.DriverMySQL, config.RedisStandalone},
		{"sqlite", config.DriverSQLite, config.RedisEmbedded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fn(t, stack.Start(t, sb, stack.Options{Driver: tc.driver, RedisMode: tc.redis}))
		})
	}
}
