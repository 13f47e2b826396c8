package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// `siyu stats rebuild` recomputes a corp's days, printing its progress,
// and refuses a command line or a range it cannot run.
func TestStatsRebuildCommand(t *testing.T) {
	d := testkit.DatabaseConfig(t, config.DriverSQLite)
	env := []string{"SIYU_DATABASE_DRIVER=" + d.Driver, "SIYU_DATABASE_DSN=" + d.DSN, "SIYU_SECURITY_SECRET_KEY=" + testSecretKey}
	code, _, errOut := siyu(t, append(env, "SIYU_CORP_CONTACT_SECRET=s", "SIYU_CORP_TOKEN=tok", "SIYU_CORP_AES_KEY=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"),
		"corp", "add", "--corp-id", "ww_stats", "--name", "示例连锁")
	require.Equal(t, 0, code, errOut)

	loc := app.ZoneNamed("Asia/Shanghai")
	today := time.Now().In(loc)
	from, to := today.AddDate(0, 0, -2).Format(time.DateOnly), today.Format(time.DateOnly)
	y, m, dd := today.AddDate(0, 0, -1).Date()
	db := testkit.OpenDB(t, d)
	_, err := db.SQL().Exec("INSERT INTO touches (corp_id, kind, source_id, userid, at, created_at) SELECT id, 'add', 's1', 'g1', ?, ? FROM corps",
		time.Date(y, m, dd, 12, 0, 0, 0, loc).UTC(), time.Now().UTC())
	require.NoError(t, err)

	code, out, errOut := siyu(t, env, "stats", "rebuild", "--corp", "ww_stats", "--from", from, "--to", to)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "已重算 1/3 天\n已重算 2/3 天\n已重算 3/3 天\n")
	assert.Contains(t, out, "示例连锁 的 "+from+" 至 "+to+" 日报已重算")
	var adds int64
	require.NoError(t, db.SQL().QueryRow("SELECT adds FROM daily_stats WHERE dim = 'guide' AND dim_key = 'g1' AND day = ?",
		today.AddDate(0, 0, -1).Format(time.DateOnly)).Scan(&adds))
	assert.Equal(t, int64(1), adds)

	code, _, _ = siyu(t, env, "stats", "rebuild", "--corp", "ww_stats", "--from", from)
	assert.Equal(t, 2, code, "--to is required")
	code, _, errOut = siyu(t, env, "stats", "rebuild", "--corp", "ww_stats", "--from", to, "--to", from)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "早于开始日期")
}
