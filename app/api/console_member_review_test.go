package api_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// flashOf is the message a post left for the page it redirects to.
func flashOf(w *httptest.ResponseRecorder) string {
	for _, k := range w.Result().Cookies() {
		if k.Name == "siyu_console_flash" {
			msg, _ := url.QueryUnescape(k.Value)
			return msg
		}
	}
	return ""
}

// The review queue shows both records side by side with the reason and
// the incoming data; the operator merges keeping the other record, the
// merge shows on the survivor's page and is undone there; a second
// review is dismissed; the log names every step by name.
func TestConsoleMemberReviews(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newMemberChain(t, d)
		olga := c.signIn(t, "olga")
		page := olga.get(t, "/console/member-reviews", http.StatusOK)
		for _, want := range []string{"两条记录的会员号不同（B2 / A1），但unionid相同", ">乙</a>", ">甲</a>", "137****7000", "会员号 B2", "合并（保留本条）", "合并（保留另一条）", "忽略", "data-confirm"} {
			assert.Contains(t, page, want)
		}
		assert.NotContains(t, page, "13700137000")
		reviews, _, err := c.g.Member.Reviews(c.as("olga"), c.corp.ID, app.ReviewOpen, app.Page{})
		require.NoError(t, err)
		require.Len(t, reviews, 1)
		rid := itoa(reviews[0].ID)

		w := olga.post(t, "/console/member-reviews/"+rid+"/merge", url.Values{"keep": {"other"}, "back": {"/console/member-reviews"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		assert.Equal(t, "/console/member-reviews", w.Header().Get("Location"))
		assert.Equal(t, "+已合并：保留「甲」，「乙」已并入其中（可在会员页撤销合并）", flashOf(w))
		assert.Contains(t, olga.get(t, "/console/member-reviews", http.StatusOK), "没有待审核的合并")
		assert.Contains(t, olga.get(t, "/console/member-reviews?status=merged", http.StatusOK), "控制台用户「olga」")
		w = olga.post(t, "/console/member-reviews/"+rid+"/dismiss", url.Values{})
		assert.Contains(t, flashOf(w), "这条待审核记录已处理", "decided once")

		assert.Contains(t, olga.get(t, c.page("乙"), http.StatusOK), `该记录已合并到 <a href="`+c.page("甲")+`">甲</a>`)
		survivor := olga.get(t, c.page("甲"), http.StatusOK)
		assert.Contains(t, survivor, "审核后合并")
		assert.Contains(t, survivor, "137****7000", "the merged record's phone moved to the survivor")
		merges, err := c.g.Member.Merges(c.as("olga"), c.corp.ID, c.ids["甲"])
		require.NoError(t, err)
		require.Len(t, merges, 1)
		w = olga.post(t, c.page("李四")+"/split", url.Values{"merge": {itoa(merges[0].ID)}})
		assert.Contains(t, flashOf(w), "该会员没有这条合并记录", "a merge is undone from a page of its own records")
		w = olga.post(t, c.page("甲")+"/split", url.Values{"merge": {itoa(merges[0].ID)}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		assert.Equal(t, c.page("甲"), w.Header().Get("Location"))
		assert.Equal(t, "+已撤销合并：「乙」已从「甲」中拆分，恢复为独立会员", flashOf(w))
		b2, err := c.g.Stores.Members.FindMember(c.as("olga"), c.corp.ID, c.ids["乙"])
		require.NoError(t, err)
		assert.Equal(t, app.MemberActive, b2.Status)
		assert.Contains(t, olga.get(t, c.page("甲"), http.StatusOK), "已撤销")

		_, err = c.g.Member.Upsert(c.as("olga"), c.corp.ID, member.Input{OpenIDs: []string{"o-li"}, Phone: "13900139000", Name: "李四的小程序"})
		require.NoError(t, err)
		page = olga.get(t, "/console/member-reviews", http.StatusOK)
		assert.Contains(t, page, "手机号相同，但新资料的手机号未经验证")
		assert.Contains(t, page, "139****9000（未验证）", "the incoming phone, masked, with whether it was verified")
		reviews, _, err = c.g.Member.Reviews(c.as("olga"), c.corp.ID, app.ReviewOpen, app.Page{})
		require.NoError(t, err)
		require.Len(t, reviews, 1)
		w = olga.post(t, "/console/member-reviews/"+itoa(reviews[0].ID)+"/dismiss", url.Values{})
		assert.Equal(t, "+已忽略：两条会员记录保持独立", flashOf(w))
		assert.Contains(t, olga.get(t, "/console/member-reviews?status=dismissed", http.StatusOK), "已忽略")

		log := c.signIn(t, "alice").get(t, "/console/audit?type=member&target=A1", http.StatusOK)
		for _, want := range []string{"合并会员", "撤销合并", "被合并会员", ">乙<", "审核后合并"} {
			assert.Contains(t, log, want)
		}
		log = c.signIn(t, "ann").get(t, "/console/audit?type=member&target=A1", http.StatusOK)
		assert.Contains(t, log, "会员信息已隐藏", "an analyst reads that members were merged, not who")
		assert.NotContains(t, log, "被合并会员")
	})
}

// The members' import page shows the per-row report and offers it as a
// CSV; the import is in the audit log by file name.
func TestConsoleMemberImport(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		olga := c.signIn(t, "olga")
		assert.Contains(t, olga.get(t, "/console/members/import", http.StatusOK), `id="member-import-form"`)
		w := olga.upload(t, "/console/members/import", "会员.csv", "会员号,姓名,手机号,归属门店编码\nN1,新会员,13600136000,XH\nN2,坏行,136,XH\n")
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		page := w.Body.String()
		assert.Contains(t, page, "共 2 行：新增 1，更新 0，未变 0，拒绝 1")
		assert.Contains(t, page, "<td>3</td><td>手机号</td><td>手机号格式不正确（应为 11 位中国大陆手机号）</td>")
		assert.Contains(t, page, `href="data:text/csv;charset=utf-8;base64,`)
		assert.Contains(t, olga.get(t, "/console/members?q=N1", http.StatusOK), ">新会员</a>")
		w = olga.upload(t, "/console/members/import", "空.csv", "")
		assert.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "文件是空的")
		log := c.signIn(t, "alice").get(t, "/console/audit?action=member.import", http.StatusOK)
		assert.Contains(t, log, "文件「会员.csv」")
		assert.Contains(t, log, "导入会员")
	})
}

// upload posts a file as the form field "file" with the session's token.
func (s *pageSession) upload(t *testing.T, path, name, content string) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	require.NoError(t, mw.WriteField("_csrf", s.csrf))
	fw, err := mw.CreateFormFile("file", name)
	require.NoError(t, err)
	_, _ = fw.Write([]byte(content))
	require.NoError(t, mw.Close())
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Cookie", s.cookie)
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, req)
	return w
}
