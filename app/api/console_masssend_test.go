package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
)

// signIn makes a console user of role and signs them in.
func (w *massWorld) signIn(t *testing.T, user, role string) *pageSession {
	ctx := context.Background()
	require.NoError(t, w.Auth.CreateAdmin(ctx, &app.AdminUser{CorpID: w.Corp.ID, Username: user, Role: role}, consolePassword))
	in, err := w.Auth.Login(ctx, w.Corp.ID, user, consolePassword)
	require.NoError(t, err)
	s := &pageSession{h: w.h, cookie: api.ConsoleCookie + "=" + in.Token}
	page := s.get(t, "/console/", http.StatusOK)
	s.csrf = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`).FindStringSubmatch(page)[1]
	return s
}

// The console's 群发 on both databases: the form refuses every bad field
// at once; a send to an uploaded list is saved as a draft and previewed
// per guide by name with the customer nobody owns excluded; confirmed,
// the worker creates the tasks; once 李导购 confirmed in the sandbox the
// send's page shows who confirmed, the customers sent, the reminders
// left before and after reminding; cancelled, it says so. Analysts do
// not see 群发.
func TestConsoleMassSend(t *testing.T) {
	eachMassWorld(t, func(t *testing.T, w *massWorld) {
		olga := w.signIn(t, "olga", app.RoleOperator)
		assert.Contains(t, olga.get(t, "/console/mass-sends", http.StatusOK), "还没有群发")
		assert.Contains(t, olga.get(t, "/console/", http.StatusOK), `data-nav="masssends"`)

		r := olga.post(t, "/console/mass-sends/new", url.Values{"kind": {"list"}, "holdout": {"80"}, "when": {"at"}, "send_at": {"2020-01-01T08:00"}})
		require.Equal(t, http.StatusBadRequest, r.Code, r.Body.String())
		body := r.Body.String()
		assert.Contains(t, body, "请修正下面标红的 5 处")
		for _, reason := range []string{"请填写群发名称", "上传的客户名单为空", "对照组比例须在0到50之间", "发送时间须晚于现在", "请填写消息内容或添加附件"} {
			assert.Contains(t, body, reason)
		}
		list, _, err := w.MassSends.List(w.ctx, w.Corp.ID, app.MassSendFilter{})
		require.NoError(t, err)
		assert.Empty(t, list, "a refused form saves nothing")

		exts := append(append([]string{"wm-nobody"}, w.customers["g1"]...), w.customers["g2"]...)
		r = olga.post(t, "/console/mass-sends/new", url.Values{"name": {"双十二"}, "kind": {"list"}, "list": {strings.Join(exts, "\n")},
			"text": {"会员日：双十二"}, "link_title_1": {"活动"}, "link_url_1": {"https://example.com/a"}, "when": {"now"}, "holdout": {"0"}})
		require.Equal(t, http.StatusSeeOther, r.Code, r.Body.String())
		preview := r.Header().Get("Location")
		require.Regexp(t, `^/console/mass-sends/\d+/preview$`, preview)
		page := olga.get(t, preview, http.StatusOK)
		assert.Regexp(t, `(?s)李导购</td><td class="num pv-recipients">3<`, page)
		assert.Regexp(t, `(?s)赵导购</td><td class="num pv-recipients">2<`, page)
		assert.Regexp(t, `(?s)无归属导购</td><td class="num">1<`, page)
		assert.NotContains(t, page, ">g1<", "guides by name")

		at := strings.TrimSuffix(preview, "/preview")
		r = olga.post(t, at+"/start", url.Values{})
		require.Equal(t, http.StatusSeeOther, r.Code, r.Body.String())
		var id int64
		_, err = fmt.Sscanf(at, "/console/mass-sends/%d", &id)
		require.NoError(t, err)
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			ms, err := w.MassSends.Get(w.ctx, w.Corp.ID, id)
			require.NoError(t, err)
			if ms.Status == app.MassSendTracking {
				break
			}
			require.True(t, time.Now().Before(deadline), ms.Status)
		}
		w.confirm(t, "会员日：双十二", "g1")
		require.NoError(t, w.MassSends.Advance(w.ctx, w.Corp.ID, id))
		page = olga.get(t, at, http.StatusOK)
		assert.Regexp(t, `(?s)李导购</td>\s*<td class="guide-confirmed"><span class="badge ok">已确认发送`, page)
		assert.Regexp(t, `(?s)赵导购</td>\s*<td class="guide-confirmed"><span class="badge warn">未确认`, page)
		assert.Contains(t, page, "24 小时内还可提醒 3 次")
		sent := olga.get(t, at+"?outcome=sent", http.StatusOK)
		assert.Equal(t, 3, strings.Count(sent, `data-result="sent"><td>`))
		assert.Contains(t, olga.get(t, at+"?outcome=excluded", http.StatusOK), "未发送：无归属导购")

		r = olga.post(t, at+"/remind", url.Values{})
		require.Equal(t, http.StatusSeeOther, r.Code, r.Body.String())
		assert.Contains(t, olga.get(t, at, http.StatusOK), "24 小时内还可提醒 2 次")
		r = olga.post(t, at+"/cancel", url.Values{})
		require.Equal(t, http.StatusSeeOther, r.Code, r.Body.String())
		page = olga.get(t, at, http.StatusOK)
		assert.Contains(t, page, `id="masssend-status">已取消`)
		assert.NotContains(t, page, `id="cancel-form"`)
		assert.Contains(t, olga.get(t, "/console/mass-sends?status=cancelled", http.StatusOK), "双十二")
		log := olga.get(t, "/console/audit", http.StatusOK)
		for _, did := range []string{"新建群发", "确认群发", "提醒导购群发", "取消群发"} {
			assert.Contains(t, log, did, "the audit trail keeps what people did to the send")
		}

		ann := w.signIn(t, "ann", app.RoleAnalyst)
		ann.get(t, "/console/mass-sends", http.StatusForbidden)
		assert.NotContains(t, ann.get(t, "/console/", http.StatusOK), `data-nav="masssends"`)
	})
}
