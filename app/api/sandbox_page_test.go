package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/demo"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/templates"
)

// sandboxPage is the /sandbox page on a real demo sandbox, registered in
// a real database (no worker runs, so Siyu's mirror stays empty).
func sandboxPage(t *testing.T) (*gin.Engine, *demo.Demo) {
	ctx := context.Background()
	d := testkit.MigratedDB(t, config.DriverSQLite)
	r := testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded))
	q := asynq.NewClient(r.Conn)
	t.Cleanup(func() { q.Close() })
	dm, err := demo.Start(ctx, demo.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { dm.Close() })
	corps, dir := db.NewCorpStore(d, testkit.Box(t)), db.NewDirectoryStore(d)
	_, err = dm.Connect(ctx, demo.Siyu{BaseURL: "http://127.0.0.1:1", Corps: corps, Syncs: dir, Queue: tasks.NewEnqueuer(q), Directory: dir})
	require.NoError(t, err)
	pages, err := templates.Parse()
	require.NoError(t, err)
	return api.New(api.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Pages: pages, Sandbox: dm}), dm
}

func postForm(h http.Handler, path string, form url.Values, origin string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestSandboxPage(t *testing.T) {
	h, dm := sandboxPage(t)
	w := do(h, "GET", "/sandbox")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	page := w.Body.String()
	assert.Contains(t, page, "演示企业 demo（WeCom 沙箱）")
	assert.Contains(t, page, "徐汇店导购1（guide0101）")
	assert.Contains(t, page, "第 1/15 页", "300 customers, 20 a page")
	assert.Equal(t, 20, strings.Count(page, "<strong>"), "one page of customers")
	assert.Contains(t, page, "… Siyu 尚未一致", "no worker has synced the mirror")
	assert.Contains(t, do(h, "GET", "/").Body.String(), `href="/sandbox"`, "the status page links the demo")

	form := url.Values{"userid": {"guide0102"}, "name": {"页面新客"}, "state": {"store02"}, "page": {"1"}}
	w = postForm(h, "/sandbox/act/customer-adds", form, "http://example.com")
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	back, err := url.Parse(w.Header().Get("Location"))
	require.NoError(t, err)
	msg := back.Query().Get("msg")
	assert.Contains(t, msg, "已执行 customer-adds")
	ext := strings.TrimSuffix(msg[strings.Index(msg, "wm"):], "）")
	f, ok := dm.Corp().Follow("guide0102", ext)
	require.True(t, ok, "the form fired the action in the sandbox")
	assert.Equal(t, "store02", f.State)
	page = do(h, "GET", back.String()).Body.String()
	assert.Contains(t, page, msg)
	assert.Equal(t, strings.Index(page, "<strong>"), strings.Index(page, "<strong>页面新客</strong>"), "newest first")

	w = postForm(h, "/sandbox/act/customer-deletes", url.Values{"userid": {"guide0102"}}, "")
	require.Equal(t, http.StatusSeeOther, w.Code)
	assert.Contains(t, w.Header().Get("Location"), url.QueryEscape("缺少参数 external_userid"))

	w = postForm(h, "/sandbox/act/customer-deletes", url.Values{"userid": {"guide0102"}, "external_userid": {ext}}, "http://evil.example")
	assert.Equal(t, http.StatusForbidden, w.Code, "a form from another site fires nothing")
	_, ok = dm.Corp().Follow("guide0102", ext)
	assert.True(t, ok)
}
