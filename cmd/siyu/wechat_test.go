package main

import (
	"context"
	"database/sql"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// `siyu wechat` registers a corp's 公众号 with its credentials sealed,
// refuses a second registration and bad input, lists it, and rotates one
// credential without touching the others.
func TestWeChatCommands(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) {
			d := testkit.DatabaseConfig(t, driver)
			env := []string{"SIYU_DATABASE_DRIVER=" + d.Driver, "SIYU_DATABASE_DSN=" + d.DSN, "SIYU_SECURITY_SECRET_KEY=" + testSecretKey}
			code, _, errOut := siyu(t, append(env, "SIYU_CORP_CONTACT_SECRET=c", "SIYU_CORP_TOKEN=tok",
				"SIYU_CORP_AES_KEY=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"), "corp", "add", "--corp-id", "ww_oa", "--name", "示例连锁")
			require.Equal(t, 0, code, errOut)
			secrets := append(env, "SIYU_WECHAT_SECRET=oa-s3cret", "SIYU_WECHAT_TOKEN=oatoken",
				"SIYU_WECHAT_AES_KEY=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")

			code, out, errOut := siyu(t, secrets, "wechat", "add", "--corp-id", "ww_oa", "--appid", "wx0123456789abcdef", "--name", "示例公众号")
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "/wechat/callback/wx0123456789abcdef")
			code, _, errOut = siyu(t, secrets, "wechat", "add", "--corp-id", "ww_oa", "--appid", "wx0123456789abcdef", "--name", "again")
			assert.Equal(t, 1, code, "an account is registered once")
			assert.Contains(t, errOut, "已登记")
			code, _, errOut = siyu(t, secrets, "wechat", "add", "--corp-id", "ww_oa", "--appid", "gh_bad", "--name", "x", "--mode", "both")
			assert.Equal(t, 1, code)
			assert.Contains(t, errOut, "AppID")
			assert.Contains(t, errOut, "消息加解密方式")
			code, _, errOut = siyu(t, env, "wechat", "add", "--corp-id", "ww_oa", "--appid", "wx0123456789abcdee", "--name", "x")
			assert.Equal(t, 2, code, "credentials come from the environment")
			assert.Contains(t, errOut, "SIYU_WECHAT_SECRET")

			code, _, errOut = siyu(t, append(env, "SIYU_WECHAT_SECRET=rotated"), "wechat", "update", "--corp-id", "ww_oa", "--appid", "wx0123456789abcdef")
			require.Equal(t, 0, code, errOut)
			code, out, errOut = siyu(t, env, "wechat", "list", "--corp-id", "ww_oa")
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "wx0123456789abcdef")
			assert.Contains(t, out, "示例公众号")

			conn, err := sql.Open(map[string]string{config.DriverSQLite: "sqlite", config.DriverMySQL: "mysql"}[driver], d.DSN)
			require.NoError(t, err)
			defer conn.Close()
			var token, secret string
			require.NoError(t, conn.QueryRow("SELECT token, app_secret FROM wechat_apps WHERE appid = 'wx0123456789abcdef'").Scan(&token, &secret))
			assert.NotContains(t, token, "oatoken", "sealed at rest")
			assert.NotContains(t, secret, "rotated", "sealed at rest")
			cfg, err := config.Load("", env)
			require.NoError(t, err)
			o, err := openStores(context.Background(), cfg, io.Discard)
			require.NoError(t, err)
			a, err := o.core.WeChat.AppByAppID(context.Background(), "wx0123456789abcdef")
			o.close()
			require.NoError(t, err)
			assert.Equal(t, "rotated", a.AppSecret)
			assert.Equal(t, "oatoken", a.Token, "an update changes only what it is given")
			assert.Equal(t, "示例公众号", a.Name)
		})
	}
}
