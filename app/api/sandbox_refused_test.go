package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/demo"
	"github.com/siyu-scrm/siyu/app/inbox"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/templates"
)

// TestSandboxPageShowsRefusedCallbacks runs the page and the callback
// endpoint of a Siyu whose clock is an hour fast: it refuses the demo's
// callbacks as replays, and the page says so, with Siyu's reason.
func TestSandboxPageShowsRefusedCallbacks(t *testing.T) {
	ctx := context.Background()
	d := testkit.MigratedDB(t, config.DriverSQLite)
	r := testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded))
	q := asynq.NewClient(r.Conn)
	t.Cleanup(func() { q.Close() })
	dm, err := demo.Start(ctx, demo.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { dm.Close() })
	corps, dir, m := db.NewCorpStore(d, testkit.Box(t)), db.NewDirectoryStore(d), metrics.New()
	fast := func() time.Time { return time.Now().Add(time.Hour) }
	recv := inbox.NewReceiver(corps, db.NewInboxStore(d), tasks.NewEnqueuer(q), metrics.NewCallbacks(m.Registry), testkit.Logger(t),
		inbox.Config{MaxSkew: 10 * time.Minute, Now: fast})
	pages, err := templates.Parse()
	require.NoError(t, err)
	h := api.New(api.Deps{Log: testkit.Logger(t), Metrics: m, Pages: pages, Sandbox: dm, Callbacks: recv, CallbackMaxBytes: 65536})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	_, err = dm.Connect(ctx, demo.Siyu{BaseURL: srv.URL, Corps: corps, Syncs: dir, Queue: tasks.NewEnqueuer(q), Directory: dir})
	require.NoError(t, err)

	form := url.Values{"userid": {"guide0101"}, "name": {"拒收客"}, "page": {"1"}}
	w := postForm(h, "/sandbox/act/customer-adds", form, "")
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	back, err := url.Parse(w.Header().Get("Location"))
	require.NoError(t, err)
	reason := "Siyu 拒收（HTTP 401）：请求时间戳超出允许范围"
	assert.Contains(t, back.Query().Get("msg"), "已执行 customer-adds，但 Siyu 未接收其回调（"+reason+"）",
		"the form waited for the first delivery")

	page := do(h, "GET", "/sandbox").Body.String()
	assert.Contains(t, page, "Siyu 未接收的回调")
	assert.Contains(t, page, "<code>add_external_contact</code>")
	assert.Contains(t, page, reason)
}
