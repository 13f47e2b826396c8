package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The 继承/转接 pages on a corp whose transfers are never sent (no worker
// runs here): the form refuses every wrong field at once, the preview
// names who goes to whom and stores nothing, a confirm whose preview is
// stale is shown the plan again, a confirmed transfer is listed and
// exported, a store manager cannot preview another store's guide, and a
// transfer cancelled before sending ends cancelled.
func TestConsoleTransferPages(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		s1, h1 := c.seedTransferChain(t)
		olga := c.consoleSession(t, "olga")
		assert.Contains(t, olga.get(t, "/console/transfers", http.StatusOK), "还没有转接")

		base := url.Values{"store": {s1}, "userid": {"g1"}}
		t.Run("ErrInvalid", func(t *testing.T) {
			q := url.Values{"store": {s1}, "userid": {"g1"}, "rule": {"guide"}, "mode": {"resigned"}, "message": {"您好"}}
			body := olga.get(t, "/console/transfers/preview?"+q.Encode(), http.StatusBadRequest)
			assert.Contains(t, body, "请修正下面标红的 2 处")
			assert.Contains(t, body, "指定导购接替时请选择接替导购")
			assert.Contains(t, body, "离职继承不发送提示语")
		})
		body := olga.get(t, "/console/transfers/preview?"+base.Encode(), http.StatusOK)
		for _, want := range []string{"小王（一店）", "在职继承", "客户甲", "客户乙", "客户丙", "共 3 位：将转接 3 位", "小李"} {
			assert.Contains(t, body, want)
		}
		assert.NotContains(t, body, ">g2<", "names, not userids")
		assert.Contains(t, olga.get(t, "/console/transfers", http.StatusOK), "还没有转接", "a preview stores nothing")

		form := url.Values{"store": {s1}, "userid": {"g1"}, "rule": {"round_robin"}, "expect": {"stale"}}
		w := olga.post(t, "/console/transfers/new", form)
		assert.Equal(t, http.StatusConflict, w.Code)
		assert.Contains(t, w.Body.String(), "预览之后转接名单有变化", "a stale preview is shown again")
		form.Set("expect", regexp.MustCompile(`name="expect" value="(\w+)"`).FindStringSubmatch(body)[1])
		w = olga.post(t, "/console/transfers/new", form)
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		at := w.Header().Get("Location")
		require.Regexp(t, `^/console/transfers/\d+$`, at)

		page := olga.get(t, at, http.StatusOK)
		assert.Contains(t, page, "待发送 3")
		assert.Contains(t, page, `id="cancel-transfer"`)
		assert.Contains(t, olga.get(t, at+"/progress", http.StatusOK), `hx-trigger="every 3s"`, "polled often while unsent")
		list := olga.get(t, "/console/transfers?status=running", http.StatusOK)
		assert.Contains(t, list, "小王")
		assert.Contains(t, olga.get(t, "/console/transfers?status=done", http.StatusOK), "没有符合条件的转接")
		assert.Contains(t, olga.get(t, "/console/transfers?status=nope", http.StatusOK), "状态应为进行中、已完成或已取消")
		csv := olga.get(t, "/console/transfers/export?status=running", http.StatusOK)
		assert.Contains(t, csv, "编号,转出导购,门店,方式")
		assert.Contains(t, csv, ",小王,一店,在职继承,本店导购轮流接替,,进行中,3,3,")
		assert.Contains(t, olga.get(t, at+"/export", http.StatusOK), "客户甲")

		t.Run("StoreManager", func(t *testing.T) {
			sam := c.consoleSession(t, "sam")
			assert.Contains(t, sam.get(t, "/console/transfers", http.StatusOK), "小王", "their store's transfer")
			q := url.Values{"store": {h1}, "userid": {"h1"}}
			assert.Contains(t, sam.get(t, "/console/transfers/preview?"+q.Encode(), http.StatusForbidden), "店长只能转接本店导购的客户")
		})
		t.Run("Cancel", func(t *testing.T) {
			w := olga.post(t, at+"/cancel", url.Values{})
			require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
			page := olga.get(t, at, http.StatusOK)
			assert.Contains(t, page, "已取消 3")
			assert.NotContains(t, page, `id="cancel-transfer"`)
			assert.Equal(t, http.StatusSeeOther, olga.post(t, at+"/cancel", url.Values{}).Code, "twice: told, not failed")
		})
	})
}

// seedTransferChain gives corp wwa store 一店 with guides 小王 (g1, three
// customers), 小李 (g2) and the manager sam, and 二店 with 小赵 (h1, one
// customer); it returns the two stores' ids.
func (c *console) seedTransferChain(t *testing.T) (s1, s2 string) {
	ctx := context.Background()
	org, dir := db.NewOrgStore(c.d), db.NewDirectoryStore(c.d)
	ids := map[string]int64{}
	for _, name := range []string{"一店", "二店"} {
		st := &app.Store{CorpID: c.corpA, Code: "T" + itoa(int64(len(ids))), Name: name, Kind: app.StoreKindStore, Status: app.StoreOpen}
		require.NoError(t, org.CreateStore(ctx, st))
		ids[name] = st.ID
	}
	for _, g := range [][4]string{{"g1", "小王", "一店", app.GuideRoleGuide}, {"g2", "小李", "一店", app.GuideRoleGuide},
		{"sam", "山姆", "一店", app.GuideRoleManager}, {"h1", "小赵", "二店", app.GuideRoleGuide}} {
		require.NoError(t, org.CreateGuide(ctx, &app.Guide{CorpID: c.corpA, UserID: g[0], Name: g[1], StoreID: ids[g[2]], Role: g[3], Status: app.GuideActive}))
	}
	now := time.Now().UTC()
	var cs []app.Customer
	var fs []app.Follow
	for i, who := range []string{"g1", "g1", "g1", "h1"} {
		ext := "wmT" + itoa(int64(i))
		cs = append(cs, app.Customer{CorpID: c.corpA, ExternalUserID: ext, Name: []string{"客户甲", "客户乙", "客户丙", "客户丁"}[i]})
		fs = append(fs, app.Follow{CorpID: c.corpA, UserID: who, ExternalUserID: ext, AddTime: &now, SyncedAt: &now})
	}
	require.NoError(t, dir.UpsertCustomers(ctx, cs))
	require.NoError(t, dir.UpsertFollows(ctx, fs))
	return itoa(ids["一店"]), itoa(ids["二店"])
}

// consoleUser is a signed-in console session: its cookie and CSRF token.
type consoleUser struct {
	h            http.Handler
	cookie, csrf string
}

func (c *console) consoleSession(t *testing.T, user string) *consoleUser {
	bearer := c.login(t, "wwa", user)
	u := &consoleUser{h: c.h, cookie: api.ConsoleCookie + "=" + strings.TrimPrefix(bearer[1], "Bearer ")}
	page := u.get(t, "/console/transfers", http.StatusOK)
	u.csrf = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`).FindStringSubmatch(page)[1]
	return u
}

func (u *consoleUser) get(t *testing.T, path string, status int) string {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Cookie", u.cookie)
	w := httptest.NewRecorder()
	u.h.ServeHTTP(w, req)
	require.Equal(t, status, w.Code, "%s: %s", path, w.Body.String())
	return w.Body.String()
}

func (u *consoleUser) post(t *testing.T, path string, form url.Values) *httptest.ResponseRecorder {
	form.Set("_csrf", u.csrf)
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", u.cookie)
	w := httptest.NewRecorder()
	u.h.ServeHTTP(w, req)
	return w
}
