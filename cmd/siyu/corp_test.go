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

func TestCorpCommands(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) {
			d := testkit.DatabaseConfig(t, driver)
			env := []string{"SIYU_DATABASE_DRIVER=" + d.Driver, "SIYU_DATABASE_DSN=" + d.DSN, "SIYU_SECURITY_SECRET_KEY=" + testSecretKey}
			secrets := append(env, "SIYU_CORP_CONTACT_SECRET=contact-s3cret", "SIYU_CORP_TOKEN=tok",
				"SIYU_CORP_AES_KEY=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C")

			code, out, errOut := siyu(t, append(secrets, "SIYU_CORP_AGENT_SECRET=agent-s3cret"), "corp", "add", "--corp-id", "ww_cli", "--name", "示例连锁", "--agent-id", "1000002")
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "/wecom/callback/ww_cli")

			code, _, errOut = siyu(t, secrets, "corp", "add", "--corp-id", "ww_cli", "--name", "again")
			assert.Equal(t, 1, code, "a corp is registered once")
			assert.NotEmpty(t, errOut)

			code, _, errOut = siyu(t, append(secrets, "SIYU_CORP_AES_KEY=short"), "corp", "add", "--corp-id", "ww_bad", "--name", "x")
			assert.Equal(t, 1, code)
			assert.Contains(t, errOut, "EncodingAESKey")

			code, _, errOut = siyu(t, env, "corp", "add", "--corp-id", "ww_nosecret", "--name", "x")
			assert.Equal(t, 2, code, "secrets come from the environment")
			assert.Contains(t, errOut, "SIYU_CORP_CONTACT_SECRET")

			code, out, errOut = siyu(t, env, "corp", "list")
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "ww_cli")
			assert.Contains(t, out, "示例连锁")
			assert.NotContains(t, out, "ww_bad")

			code, _, errOut = siyu(t, append(env, "SIYU_CORP_CONTACT_SECRET=rotated"), "corp", "update", "--corp-id", "ww_cli")
			require.Equal(t, 0, code, errOut)
			cfg, err := config.Load("", env)
			require.NoError(t, err)
			store, closeDB, err := openCorps(context.Background(), cfg, io.Discard)
			require.NoError(t, err)
			c, err := store.FindCorpByCorpID(context.Background(), "ww_cli")
			closeDB()
			require.NoError(t, err)
			assert.Equal(t, "rotated", c.ContactSecret)
			assert.Equal(t, "1000002", c.AgentID, "an update changes only what it is given")
			assert.Equal(t, "agent-s3cret", c.AgentSecret)
			assert.Equal(t, "tok", c.CallbackToken)
			code, _, _ = siyu(t, env, "corp", "update", "--corp-id", "ww_cli", "--name", "改名")
			assert.Equal(t, 2, code, "update is for credentials only")

			conn, err := sql.Open(map[string]string{config.DriverSQLite: "sqlite", config.DriverMySQL: "mysql"}[driver], d.DSN)
			require.NoError(t, err)
			defer conn.Close()
			var stored string
			require.NoError(t, conn.QueryRow("SELECT contact_secret FROM corps WHERE corp_id = 'ww_cli'").Scan(&stored))
			assert.NotContains(t, stored, "contact-s3cret", "sealed at rest")
		})
	}
}
