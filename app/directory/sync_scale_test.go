package directory_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// TestFullSyncHundredThousandWith45009 is the acceptance run: 100,000
// customers (20,000 under CI; scripts/bench runs the full size) on MariaDB + Redis, WeCom answering 45009 to a fifth of the
// batch calls; the sync is slower but completes with nothing missing.
func TestFullSyncHundredThousandWith45009(t *testing.T) {
	if testing.Short() && !testkit.RequireServers() {
		t.Skip("long acceptance run; scripts/test runs it (and CI never skips it)")
	}
	s := startSiyu(t, config.DriverMySQL, config.RedisStandalone)
	n := testkit.ScaleSize(100_000, 20_000)
	_, err := s.sc.SeedBulk(sandbox.Bulk{Members: 100, Customers: n, Tags: 20})
	require.NoError(t, err)
	s.sc.InjectFault("externalcontact/batch/get_by_user", sandbox.Fault{ErrCode: 45009, Probability: 0.2})
	start := time.Now()
	run := runSync(t, s, 0)
	t.Logf("%d customers synced in %s with 45009s injected", n, time.Since(start).Round(time.Millisecond))
	assert.Equal(t, n, run.Customers)
	assert.Equal(t, n, run.Follows)
	assertDirectory(t, s)
}
