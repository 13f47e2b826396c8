package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/templates"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// systemConsole is the console of a running Siyu (stack) whose corp is
// on the sandbox, with an admin and an operator signed in.
type systemConsole struct {
	*stack.Stack
	admin, operator *systemUser
}

// systemUser is a console session: its cookie and its CSRF token.
type systemUser struct {
	h            http.Handler
	cookie, csrf string
}

func newSystemConsole(t *testing.T) *systemConsole {
	s := stack.Start(t, sb, stack.Options{Driver: config.DriverSQLite, RedisMode: config.RedisEmbedded, DirectoryOnly: true})
	s.SC.Clock().Set(time.Now())
	pages, err := templates.Parse()
	require.NoError(t, err)
	h := api.New(s.API(api.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Pages: pages}))
	c := &systemConsole{Stack: s}
	c.admin, c.operator = c.signIn(t, h, "alice", app.RoleAdmin), c.signIn(t, h, "olga", app.RoleOperator)
	return c
}

func (c *systemConsole) signIn(t *testing.T, h http.Handler, user, role string) *systemUser {
	ctx := context.Background()
	require.NoError(t, c.Auth.CreateAdmin(ctx, &app.AdminUser{CorpID: c.Corp.ID, Username: user, Role: role}, consolePassword))
	in, err := c.Auth.Login(ctx, c.Corp.ID, user, consolePassword)
	require.NoError(t, err)
	u := &systemUser{h: h, cookie: api.ConsoleCookie + "=" + in.Token}
	page := u.do(t, "GET", "/console/", nil).Body.String()
	u.csrf = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`).FindStringSubmatch(page)[1]
	return u
}

// do sends a console request; a form is posted with the CSRF token.
func (u *systemUser) do(t *testing.T, method, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	var req *http.Request
	if form != nil {
		form.Set("_csrf", u.csrf)
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	req.Header.Set("Cookie", u.cookie)
	w := httptest.NewRecorder()
	u.h.ServeHTTP(w, req)
	return w
}

// flash is the message a post left for the next page.
func flash(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	for _, ck := range w.Result().Cookies() {
		if ck.Name == "siyu_console_flash" {
			msg, err := url.QueryUnescape(ck.Value)
			require.NoError(t, err)
			return msg
		}
	}
	return ""
}

// 系统 is an admin's page: operators have no menu entry and are refused
// the page and its posts; the admin sees the corp, never its secrets.
func TestSystemPageIsForAdmins(t *testing.T) {
	c := newSystemConsole(t)
	page := c.admin.do(t, "GET", "/console/system", nil)
	require.Equal(t, http.StatusOK, page.Code, page.Body.String())
	body := page.Body.String()
	assert.Contains(t, body, `href="/console/system"`, "in the admin's menu")
	assert.Contains(t, body, c.Corp.CorpID)
	assert.Contains(t, body, "/wecom/callback/"+c.Corp.CorpID)
	assert.Contains(t, body, "自建应用 AgentId", "the missing app credentials are named")
	assert.NotContains(t, body, c.Corp.ContactSecret, "secrets are never shown")
	assert.Contains(t, body, `id="syncs-empty"`)

	assert.NotContains(t, c.operator.do(t, "GET", "/console/", nil).Body.String(), `href="/console/system"`, "no menu entry")
	for _, r := range []struct{ method, path string }{{"GET", "/console/system"}, {"GET", "/console/system/syncs/export"},
		{"POST", "/console/system/check"}, {"POST", "/console/system/sync"}} {
		var form url.Values
		if r.method == "POST" {
			form = url.Values{}
		}
		assert.Equal(t, http.StatusForbidden, c.operator.do(t, r.method, r.path, form).Code, r.path)
	}
}

// The check runs from the page and shows each part with its fix; the
// run is audited.
func TestSystemConnectivityCheck(t *testing.T) {
	c := newSystemConsole(t)
	c.SC.InjectFault("externalcontact/get_follow_user_list", sandbox.Fault{ErrCode: 60020})
	w := c.admin.do(t, "POST", "/console/system/check", url.Values{})
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	body := w.Body.String()
	for _, key := range []string{app.CheckContactSecret, app.CheckAppSecret, app.CheckCallback, app.CheckTrustedIP} {
		assert.Regexp(t, `data-check="`+key+`" data-status="(ok|failed|unknown)"`, body)
	}
	assert.Contains(t, body, `data-check="trusted_ip" data-status="failed"`)
	assert.Contains(t, body, "<code>60020</code>")
	assert.Contains(t, body, "企业可信IP")
	es, err := c.Audit.List(context.Background(), app.AuditFilter{CorpID: c.Corp.ID, TargetType: "corp"})
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, "user:", es[0].Actor[:5], "the admin who ran it")
}

// A full sync starts from the page, once: a second start while it runs is
// refused, naming the run. Both the list and its export show it.
func TestSystemStartsOneSync(t *testing.T) {
	c := newSystemConsole(t)
	c.SC.InjectFault("externalcontact/get_follow_user_list", sandbox.Fault{Latency: 3 * time.Second, Times: 1}) // keeps it running
	w := c.admin.do(t, "POST", "/console/system/sync", url.Values{})
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	assert.Regexp(t, `^\+已开始全量同步 #\d+$`, flash(t, w))
	id := strings.TrimPrefix(flash(t, w), "+已开始全量同步 #")

	again := c.admin.do(t, "POST", "/console/system/sync", url.Values{})
	require.Equal(t, http.StatusSeeOther, again.Code)
	assert.Contains(t, flash(t, again), "!已有全量同步在进行中（#"+id)
	page := c.admin.do(t, "GET", "/console/system", nil).Body.String()
	assert.Contains(t, page, `data-run="`+id+`" data-status="running"`)
	assert.Contains(t, page, `id="start-sync" title="同步进行中"`, "the button says it runs")

	runID, err := strconv.ParseInt(id, 10, 64)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		run, err := c.Stores.Directory.FindSync(context.Background(), runID)
		return err == nil && run.Status == app.SyncDone
	}, 20*time.Second, 50*time.Millisecond, "the queued sync runs to the end")
	page = c.admin.do(t, "GET", "/console/system", nil).Body.String()
	assert.Contains(t, page, `data-run="`+id+`" data-status="done"`)
	assert.Contains(t, page, "无偏差")
	csv := c.admin.do(t, "GET", "/console/system/syncs/export", nil)
	require.Equal(t, http.StatusOK, csv.Code)
	assert.Contains(t, csv.Body.String(), id+",")
	assert.Contains(t, csv.Body.String(), ",完成,")

	es, err := c.Audit.List(context.Background(), app.AuditFilter{CorpID: c.Corp.ID, TargetType: "sync_run"})
	require.NoError(t, err)
	require.Len(t, es, 1, "the start, not the refusal")
	assert.Equal(t, "sync.start", es[0].Action)
	assert.Equal(t, id, es[0].TargetID)
}
