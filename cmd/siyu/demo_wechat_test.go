package main

import (
	"encoding/json"
	"image/png"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEmbeddedDemoWeChat runs the real serve on the embedded default: the
// demo's 公众号 is registered; a store's code made through the API
// downloads as a PNG; a consumer scanning it (`siyu sandbox act oa-scan`)
// becomes a touch of that store; after a restart the sandbox replays the
// code and the follow from its journal, so the same person scanning again
// is a SCAN.
func TestEmbeddedDemoWeChat(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := demoEnv(dir)
	p := startProc(t, env, "serve")
	token := apiToken(t, dir)
	apps := waitFor(t, p, token, "/api/v1/corps/demo/wechat-apps", func(as []map[string]any) bool { return len(as) == 1 },
		"the demo's 公众号 registered")
	assert.Equal(t, "/wechat/callback/"+apps[0]["appid"].(string), apps[0]["callback_path"])
	stores := waitFor(t, p, token, "/api/v1/corps/demo/stores", func(ss []map[string]any) bool { return len(ss) >= 4 }, "the demo's stores")
	var storeID float64
	for _, s := range stores {
		if s["code"] == "S01" {
			storeID = s["id"].(float64)
		}
	}
	require.NotZero(t, storeID)

	code := postJSON(t, p, token, "/api/v1/corps/demo/wechat-qrcodes", map[string]any{"app_id": apps[0]["id"], "kind": "store", "store_id": storeID})
	assert.Equal(t, true, code["permanent"])
	status, img := getRaw(t, p, token, "/api/v1/corps/demo/wechat-qrcodes/"+itoa(int64(code["id"].(float64)))+"/qr.png")
	require.Equal(t, http.StatusOK, status, img)
	_, err := png.Decode(strings.NewReader(img))
	require.NoError(t, err)

	assert.Equal(t, "subscribe", oaScan(t, env, code["url"].(string)))
	touches := waitFor(t, p, token, "/api/v1/corps/demo/touches?kind=oa_subscribe", func(ts []map[string]any) bool { return len(ts) == 1 },
		"the follow's touch")
	assert.Equal(t, storeID, touches[0]["store_id"])
	assert.NotNil(t, touches[0]["member_id"])
	require.Equal(t, 0, p.stop(t, syscall.SIGTERM))

	again := startProc(t, env, "serve")
	waitFor(t, again, token, "/api/v1/corps/demo/sync-runs", syncsDone(2), "Siyu connected again (the sync after the restart)")
	assert.Equal(t, "SCAN", oaScan(t, env, code["url"].(string)), "the follow survived the restart")
	waitFor(t, again, token, "/api/v1/corps/demo/touches?kind=oa_scan", func(ts []map[string]any) bool { return len(ts) == 1 }, "the scan's touch")
	assert.NotContains(t, again.stderr.String(), "not replayed")
	require.Equal(t, 0, again.stop(t, syscall.SIGTERM))
}

// oaScan has one consumer scan the code encoding url and returns the
// event the 公众号 sent.
func oaScan(t *testing.T, env []string, url string) string {
	t.Helper()
	code, out, errOut := siyuExec(t, env[len(env)-1:], "sandbox", "act", "oa-scan", "--url", url, "--unionid", "oUnionDemo")
	require.Equal(t, 0, code, errOut)
	var res struct {
		Result struct {
			Event string `json:"event"`
		} `json:"result"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	return res.Result.Event
}

// postJSON POSTs body to path with token, wants 201 and returns the answer.
func postJSON(t *testing.T, p *proc, token, path string, body any) map[string]any {
	t.Helper()
	status, raw := callAPI(t, p, token, http.MethodPost, path, body)
	require.Equal(t, http.StatusCreated, status, string(raw))
	var out map[string]any
	require.NoError(t, json.Unmarshal(raw, &out))
	return out
}
