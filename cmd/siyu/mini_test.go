package main

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// `siyu mini` registers a corp's mini-program with its secret sealed,
// refuses a second registration and bad input naming every field, lists
// it, and changes one setting without touching the others.
func TestMiniCommands(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) {
			d := testkit.DatabaseConfig(t, driver)
			env := []string{"SIYU_DATABASE_DRIVER=" + d.Driver, "SIYU_DATABASE_DSN=" + d.DSN, "SIYU_SECURITY_SECRET_KEY=" + testSecretKey}
			code, _, errOut := siyu(t, append(env, "SIYU_CORP_CONTACT_SECRET=c", "SIYU_CORP_TOKEN=tok",
				"SIYU_CORP_AES_KEY=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"), "corp", "add", "--corp-id", "ww_mini", "--name", "示例连锁")
			require.Equal(t, 0, code, errOut)
			secret := append(env, "SIYU_MINI_SECRET=mini-s3cret")
			add := []string{"mini", "add", "--corp-id", "ww_mini", "--appid", "wx00112233445566aa", "--name", "示例小程序",
				"--campaign-page", "pages/campaign/index", "--join-template", "tpl-j", "--reward-template", "tpl-r"}

			code, out, errOut := siyu(t, secret, add...)
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "已登记")
			code, _, errOut = siyu(t, secret, add...)
			assert.Equal(t, 1, code, "a mini-program is registered once")
			assert.Contains(t, errOut, "已登记")
			code, _, errOut = siyu(t, secret, "mini", "add", "--corp-id", "ww_mini", "--appid", "gh_bad", "--name", "x", "--campaign-page", "/pages/x?y=1")
			assert.Equal(t, 1, code)
			assert.Contains(t, errOut, "AppID")
			assert.Contains(t, errOut, "活动页面路径")
			code, _, errOut = siyu(t, env, add...)
			assert.Equal(t, 2, code, "the secret comes from the environment")
			assert.Contains(t, errOut, "SIYU_MINI_SECRET")

			code, _, errOut = siyu(t, env, "mini", "update", "--corp-id", "ww_mini", "--appid", "wx00112233445566aa", "--reward-template", "tpl-r2")
			require.Equal(t, 0, code, errOut)
			code, out, errOut = siyu(t, env, "mini", "list", "--corp-id", "ww_mini")
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "wx00112233445566aa")
			assert.Contains(t, out, "tpl-r2")
			assert.Contains(t, out, "tpl-j", "an update changes only what it is given")

			conn, err := sql.Open(map[string]string{config.DriverSQLite: "sqlite", config.DriverMySQL: "mysql"}[driver], d.DSN)
			require.NoError(t, err)
			defer conn.Close()
			var sealed string
			require.NoError(t, conn.QueryRow("SELECT app_secret FROM mini_apps WHERE appid = 'wx00112233445566aa'").Scan(&sealed))
			assert.NotContains(t, sealed, "mini-s3cret", "sealed at rest")
		})
	}
}
