package main

import (
	"encoding/base64"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// storeCode is the code of the demo store called name.
func (w *consoleWorld) storeCode(t *testing.T, name string) string {
	var stores []struct{ Code, Name string }
	readAPI(t, w.p, w.token, "/api/v1/corps/demo/stores?limit=200", &stores)
	for _, st := range stores {
		if st.Name == name {
			return st.Code
		}
	}
	t.Fatalf("the demo has no store %s", name)
	return ""
}

// membersFile is an Excel file of two members of 徐汇店 and a bad row
// (row 4: a phone that is no phone).
func membersFile(t *testing.T, dir, store string) string {
	f := excelize.NewFile()
	rows := [][]any{{"会员号", "姓名", "手机号", "手机已验证", "性别", "等级", "积分", "归属门店编码", "标签"},
		{"BM001", "浏览器会员甲", 13800000001, "是", "女", "金卡", 300, store, "烘焙、咖啡"},
		{"BM002", "浏览器会员乙", 13800000002, "否", "男", "银卡", 20, store, ""},
		{"BM003", "坏行会员", 2380000003, "", "", "", "", store, ""}}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &r))
	}
	path := filepath.Join(dir, "会员.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

// consoleMembersImport: the operator imports members from Excel with one
// bad row, reads the report on the page and in its CSV, and opens an
// imported member from the list: the phone masked, the store by name.
func consoleMembersImport(t *testing.T, w *consoleWorld) {
	file := membersFile(t, w.dir, w.storeCode(t, "徐汇店"))
	w.signIn(t, "operator1", w.password["operator1"])
	t.Run("Report", func(t *testing.T) {
		w.open(t, "/console/members", "#member-tabs")
		w.b.do(t, "to the import", chromedp.Click(chromedp.CSS("#to-member-import")), chromedp.WaitVisible(chromedp.CSS("#member-import-form")))
		w.b.do(t, "upload the file", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
			chromedp.Click(chromedp.CSS("#import-submit")), chromedp.WaitVisible(chromedp.CSS("#import-report")))
		assert.Equal(t, "共 3 行：新增 2，更新 0，未变 0，拒绝 1", w.b.text(t, "#import-summary"))
		errRow := w.b.text(t, "#import-errors tbody tr")
		assert.Contains(t, errRow, "4", "the bad row by its spreadsheet row")
		assert.Contains(t, errRow, "手机号")
		w.b.shot(t)
		href := get(t, w.b, "read the report link", chromedp.Evaluate[string](`document.querySelector('#report-download').href`))
		data, ok := strings.CutPrefix(href, "data:text/csv;charset=utf-8;base64,")
		require.True(t, ok, href)
		csv, err := base64.StdEncoding.DecodeString(data)
		require.NoError(t, err)
		assert.Contains(t, string(csv), "行号,列,原因\n4,手机号,手机号格式不正确")
	})
	t.Run("List", func(t *testing.T) {
		w.open(t, "/console/members?q=BM00", "#members")
		assert.Equal(t, 2, w.countOf(t, "#members tbody tr[data-member-no]"), "the good rows were kept")
		assert.Equal(t, "138****0001", w.cell(t, "#members", "data-member-no", "BM001", 2))
		assert.Equal(t, "徐汇店", w.cell(t, "#members", "data-member-no", "BM001", 5), "the store by name")
		w.b.shot(t)
	})
	t.Run("Member", func(t *testing.T) {
		w.open(t, "/console/members?q=BM00", "#members")
		w.b.do(t, "open the member", chromedp.Click(chromedp.CSS(`#members tr[data-member-no='BM001'] a.member-link`)), chromedp.WaitVisible(chromedp.CSS("#member-name")))
		assert.Equal(t, "浏览器会员甲", w.b.text(t, "#member-name"))
		assert.Contains(t, w.b.text(t, "#member-phone"), "138****0001")
		assert.NotContains(t, w.b.text(t, "body"), "13800000001", "an operator never sees the number")
		assert.Zero(t, w.countOf(t, "#reveal-phone"), "nor the button to see it")
		assert.Equal(t, "徐汇店", w.b.text(t, "#member-home-store"))
		w.b.shot(t)
	})
}

// reviewSeed is what consoleMembersReview sent through the API.
type reviewSeed struct {
	Result struct {
		MemberID int64   `json:"member_id"`
		Reviews  []int64 `json:"reviews"`
	} `json:"result"`
}

// consoleMembersReview: two member numbers behind one unionid (sent
// through the API) wait in the review queue side by side; the operator
// merges them keeping the incoming record, then undoes the merge from
// that member's page.
func consoleMembersReview(t *testing.T, w *consoleWorld) {
	var first, second reviewSeed
	w.postJSON(t, "/api/v1/corps/demo/members", map[string]any{"member_no": "BR01", "name": "审核会员甲", "unionid": "u-browser", "phone": "13900000001"}, &first)
	w.postJSON(t, "/api/v1/corps/demo/members", map[string]any{"member_no": "BR02", "name": "审核会员乙", "unionid": "u-browser"}, &second)
	require.Len(t, second.Result.Reviews, 1, "a conflict, not a merge")
	card := ".review[data-review-id='" + strconv.FormatInt(second.Result.Reviews[0], 10) + "']"
	survivor := "/console/members/" + strconv.FormatInt(second.Result.MemberID, 10)
	w.signIn(t, "operator1", w.password["operator1"])
	t.Run("Queue", func(t *testing.T) {
		w.open(t, "/console/member-reviews", card)
		assert.Equal(t, "审核会员乙", w.b.text(t, card+" .this .side-name"))
		assert.Equal(t, "审核会员甲", w.b.text(t, card+" .other .side-name"))
		assert.Equal(t, "139****0001", w.b.text(t, card+" .other .side-phone"))
		assert.Contains(t, w.b.text(t, card+" h2"), "会员号不同")
		assert.Contains(t, w.b.text(t, card+" .incoming"), "BR02")
		asks := get(t, w.b, "read the question", chromedp.Evaluate[string](`document.querySelector(`+jsString(card+" .review-keep-this")+`).form.dataset.confirm`))
		assert.Contains(t, asks, "保留「审核会员乙」")
		w.b.shot(t)
		w.confirmAll(t)
		w.b.do(t, "merge keeping this record", chromedp.Click(chromedp.CSS(card+" .review-keep-this")),
			chromedp.WaitNotPresent(chromedp.CSS(card)), chromedp.WaitVisible(chromedp.CSS("#flash")))
		assert.Contains(t, w.b.text(t, "#flash"), "保留「审核会员乙」，「审核会员甲」已并入其中")
	})
	t.Run("Merged", func(t *testing.T) {
		w.open(t, survivor, "#merges")
		assert.Contains(t, w.b.text(t, "#member-phone"), "139****0001", "the merged record's phone is the survivor's now")
		assert.Contains(t, w.b.text(t, "#merges"), "审核后合并")
		w.b.shot(t)
	})
	t.Run("Split", func(t *testing.T) {
		w.open(t, survivor, "#merges")
		w.confirmAll(t)
		w.b.do(t, "undo the merge", chromedp.Click(chromedp.CSS("#merges .member-split")), chromedp.WaitVisible(chromedp.CSS("#flash")))
		assert.Contains(t, w.b.text(t, "#flash"), "已撤销合并：「审核会员甲」已从「审核会员乙」中拆分")
		assert.Contains(t, w.b.text(t, "#merges .merge-status"), "已撤销")
		assert.Zero(t, w.countOf(t, "#merges .member-split"), "a merge is undone once")
		w.b.shot(t)
		w.open(t, "/console/members/"+strconv.FormatInt(first.Result.MemberID, 10), "#member-status")
		assert.Equal(t, "有效", w.b.text(t, "#member-status"), "the merged record is its own again")
	})
}

// consoleMembersPhone: the admin sees a member's phone in full, once,
// after confirming; the audit log shows the view by name.
func consoleMembersPhone(t *testing.T, w *consoleWorld) {
	w.signIn(t, "admin", w.password["admin"])
	t.Run("Reveal", func(t *testing.T) {
		w.open(t, "/console/members?q=BM001", "#members")
		w.b.do(t, "open the member", chromedp.Click(chromedp.CSS(`#members a.member-link`)), chromedp.WaitVisible(chromedp.CSS("#reveal-phone")))
		w.confirmAll(t)
		w.b.do(t, "reveal the phone", chromedp.Click(chromedp.CSS("#reveal-phone")), chromedp.WaitVisible(chromedp.CSS("#phone-full")))
		assert.Equal(t, "13800000001", w.b.text(t, "#phone-full"))
		assert.Contains(t, w.b.text(t, "#audit"), "查看手机号", "recorded at once")
		w.b.shot(t)
	})
	t.Run("AuditLog", func(t *testing.T) {
		w.open(t, "/console/audit?action=member.phone_view", "#audit")
		assert.Equal(t, []string{"member.phone_view"}, w.auditActions(t))
		assert.Contains(t, w.b.text(t, "#audit tbody tr .audit-action"), "查看手机号")
		assert.Equal(t, "浏览器会员甲", w.b.text(t, "#audit tbody tr .audit-target a"), "the member by name, linked")
		assert.NotContains(t, w.b.text(t, "#audit"), "13800000001")
		w.b.shot(t)
	})
}

// consoleMembersReaders: the analyst reads the list, a member and the
// queue with no button anywhere and is refused a post; the store manager
// reads their store's members only.
func consoleMembersReaders(t *testing.T, w *consoleWorld) {
	t.Run("Analyst", func(t *testing.T) {
		w.signIn(t, "analyst1", w.password["analyst1"])
		for _, page := range []string{"/console/member-reviews?status=all", "/console/members", "/console/members?q=BM001"} {
			w.open(t, page, "#member-tabs")
			n := get(t, w.b, "count write controls", chromedp.Evaluate[int](`document.querySelectorAll('form[method=post]:not([action="/console/logout"]), button.member-split, #reveal-phone, #to-member-import').length`))
			assert.Zero(t, n, "%s offers the analyst no change", page)
		}
		w.b.do(t, "open a member", chromedp.Click(chromedp.CSS(`#members a.member-link`)), chromedp.WaitVisible(chromedp.CSS("#member-name")))
		assert.Zero(t, w.countOf(t, `form[method=post]:not([action="/console/logout"])`), "no button on a member's page")
		assert.Contains(t, w.b.text(t, "#member-phone"), "138****0001")
		w.b.shot(t)
		status := get(t, w.b, "post a split as the analyst", chromedp.Evaluate[int](`(() => {
			const f = new URLSearchParams({_csrf: document.querySelector('meta[name=csrf-token]').content, merge: '1'});
			return fetch(location.pathname + '/split', {method: 'POST', body: f}).then(r => r.status); })()`, chromedp.EvalAwaitPromise))
		assert.Equal(t, 403, status)
	})
	t.Run("StoreManager", func(t *testing.T) {
		w.signIn(t, "manager01", w.password["manager01"])
		w.open(t, "/console/members?status=all", "#members")
		stores := get(t, w.b, "read the stores", chromedp.Evaluate[[]string](`[...document.querySelectorAll('#members .member-store')].map(td => td.textContent.trim())`))
		require.NotEmpty(t, stores)
		for _, st := range stores {
			assert.Equal(t, "徐汇店", st, "a store manager's members are their store's")
		}
		assert.Zero(t, w.countOf(t, "#to-reviews"))
		w.b.shot(t)
	})
}
