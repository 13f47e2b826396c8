package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The embedded demo comes with its mini-program registered against the
// sandbox: a consumer's wx.login code from `siyu sandbox act mini-login`
// logs in through /api/mini/v1 and binds the phone of a mini-phone code.
func TestEmbeddedDemoMini(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := demoEnv(dir)
	p := startProc(t, env, "serve")
	raw, err := os.ReadFile(filepath.Join(dir, "api.token"))
	require.NoError(t, err)
	token := strings.TrimSpace(string(raw))
	apps := waitFor(t, p, token, "/api/v1/corps/demo/mini-apps", func(as []map[string]any) bool { return len(as) == 1 }, "the demo mini-program")
	appid := apps[0]["appid"].(string)

	status, answer := callAPI(t, p, "", http.MethodPost, "/api/mini/v1/login", map[string]string{"appid": appid,
		"code": actResult(t, env, "mini-login", "--unionid", "demo-union-1")["code"].(string)})
	require.Equal(t, http.StatusOK, status, string(answer))
	var login struct {
		Token  string
		Member struct{ ID int64 }
	}
	require.NoError(t, json.Unmarshal(answer, &login))
	require.NotZero(t, login.Member.ID)

	status, answer = callAPI(t, p, login.Token, http.MethodPost, "/api/mini/v1/phone",
		map[string]string{"code": actResult(t, env, "mini-phone", "--phone", "13700137000")["code"].(string)})
	require.Equal(t, http.StatusOK, status, string(answer))
	assert.Contains(t, string(answer), "137****7000")
	status, answer = callAPI(t, p, login.Token, http.MethodGet, "/api/mini/v1/me/guide", nil)
	assert.Equal(t, http.StatusOK, status, string(answer))
	require.Equal(t, 0, p.stop(t, syscall.SIGTERM))
}
