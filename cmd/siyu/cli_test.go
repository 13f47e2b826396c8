package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// siyu runs the command line in-process with env as the only SIYU_* settings.
func siyu(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "SIYU_") && !strings.HasPrefix(name, "SIYU_TEST_") {
			t.Setenv(name, "")
			os.Unsetenv(name)
		}
	}
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		t.Setenv(name, value)
	}
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb, hooks{})
	return code, out.String(), errb.String()
}

func TestVersionAndUsage(t *testing.T) {
	code, out, _ := siyu(t, nil, "version")
	assert.Equal(t, 0, code)
	assert.Equal(t, "siyu dev\n", out)

	code, _, errOut := siyu(t, nil, "frobnicate")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `unknown command "frobnicate"`)

	code, _, errOut = siyu(t, []string{"SIYU_DATABASE_DRIVER=oracle"}, "migrate", "status")
	assert.Equal(t, 2, code, "a bad configuration stops before anything runs")
	assert.Contains(t, errOut, "database.driver")

	code, _, errOut = siyu(t, nil, "serve", "--roles", "api,cook")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `unknown role "cook"`)
}

func TestMigrateCommands(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) {
			d := testkit.DatabaseConfig(t, driver)
			env := []string{"SIYU_DATABASE_DRIVER=" + d.Driver, "SIYU_DATABASE_DSN=" + d.DSN}

			code, out, errOut := siyu(t, env, "migrate", "status")
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "pending")

			code, out, errOut = siyu(t, env, "migrate", "up")
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "applied 00001_init.sql")

			code, out, _ = siyu(t, env, "migrate", "status")
			require.Equal(t, 0, code)
			assert.NotContains(t, out, "pending")

			code, out, errOut = siyu(t, env, "migrate", "down", "--to", "0")
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "rolled back 00001_init.sql")

			code, _, errOut = siyu(t, env, "migrate", "sideways")
			assert.Equal(t, 2, code)
			assert.Contains(t, errOut, "want up, down or status")
		})
	}
}

// A production process (auto_migrate off) must not run on an old schema.
func TestServeRefusesStaleSchema(t *testing.T) {
	d := testkit.DatabaseConfig(t, config.DriverSQLite)
	env := []string{"SIYU_DATABASE_DSN=" + d.DSN, "SIYU_DATABASE_AUTO_MIGRATE=false", "SIYU_HTTP_ADDR=127.0.0.1:0",
		"SIYU_REDIS_SNAPSHOT_PATH=" + filepath.Join(t.TempDir(), "r.snap"), "SIYU_SECURITY_SECRET_KEY=" + testSecretKey,
		"SIYU_SANDBOX_DEMO=false", "SIYU_SECURITY_API_TOKEN_FILE="}
	code, _, errOut := siyu(t, env, "serve")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "run `siyu migrate up`")
}

func TestReadyzNamesFailingPart(t *testing.T) {
	mr := miniredis.RunT(t)
	cfg, err := config.Load("", nil)
	require.NoError(t, err)
	cfg.Database = testkit.DatabaseConfig(t, config.DriverSQLite)
	cfg.Database.AutoMigrate = true
	cfg.Redis = config.Redis{Mode: config.RedisStandalone, Addr: mr.Addr()}
	cfg.Security.SecretKey = testSecretKey
	w, err := build(context.Background(), cfg, testkit.Logger(t))
	require.NoError(t, err)
	defer w.close()
	h, err := httpHandler(w, true)
	require.NoError(t, err)

	checks := func() (int, map[string]string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		var body struct{ Checks map[string]string }
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
		return rec.Code, body.Checks
	}
	code, c := checks()
	require.Equal(t, http.StatusOK, code)

	mr.Close()
	code, c = checks()
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Equal(t, "ok", c["database"])
	assert.NotEqual(t, "ok", c["redis"], "redis is named as the failing part")

	require.NoError(t, w.db.Close())
	code, c = checks()
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.NotEqual(t, "ok", c["database"])
}
