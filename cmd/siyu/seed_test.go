package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// TestSeedCommand generates a tiny corp on the embedded database (the
// corp created on the way), refuses the same seed again, and refuses to
// run at all in production.
func TestSeedCommand(t *testing.T) {
	d := testkit.DatabaseConfig(t, config.DriverSQLite)
	env := []string{"SIYU_DATABASE_DSN=" + d.DSN, "SIYU_SANDBOX_DEMO=false"}
	args := []string{"seed", "dashboards", "--corp", "wwseedcli", "--days", "5", "--customers", "120", "--end", "2026-03-31"}
	code, out, errOut := siyu(t, env, args...)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "corp wwseedcli")
	assert.Contains(t, out, "2026-03-27 … 2026-03-31")
	assert.Regexp(t, `customers\s+120`, out)

	code, _, errOut = siyu(t, env, args...)
	assert.Equal(t, 3, code)
	assert.Contains(t, errOut, "已用种子 1 生成过数据")

	code, _, errOut = siyu(t, append(env, "SIYU_ENV=production"), args...)
	assert.Equal(t, 3, code, errOut)
	assert.Contains(t, errOut, "生产环境")
}
