package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ordersFile writes an order import: B-1001 (two lines, member VIP-B1)
// and its partial refund at 测试一店, B-1002 at 测试二店, and B-1003
// whose amount is not a number, all paid in the last days (corp time).
func ordersFile(t *testing.T, dir string) string {
	sh, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	day := func(n int) string { return time.Now().In(sh).AddDate(0, 0, -n).Format("2006-01-02") }
	rows := []string{"来源,类型,订单号,原订单号,门店编码,会员号,金额,支付时间,商品编码,商品名称,数量,单价",
		"门店,销售,B-1001,,T01,VIP-B1,128.00," + day(3) + " 10:30,B01,全麦吐司,2,40.00",
		"门店,销售,B-1001,,T01,VIP-B1,128.00," + day(3) + " 10:30,C01,拿铁,1,48.00",
		"门店,退款,B-1001-R,B-1001,T01,VIP-B1,-40.00," + day(2) + " 09:00,B01,全麦吐司,1,40.00",
		"小程序商城,销售,B-1002,,T02,,66.50," + day(2) + " 12:00,B02,可颂,1,66.50",
		"门店,销售,B-1003,,T01,,十元," + day(1) + " 11:00,B01,全麦吐司,1,10"}
	path := filepath.Join(dir, "订单.csv")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(rows, "\n")+"\n"), 0o644))
	return path
}

// consoleOrders: the operator imports orders from a CSV with one bad
// row and reads the report; the list names sources, stores and the
// member; the sale's page lists its lines and its refund, the refund's
// page its sale.
func consoleOrders(t *testing.T, w *consoleWorld) {
	var member map[string]any
	w.postJSON(t, "/api/v1/corps/demo/members", map[string]any{"member_no": "VIP-B1", "name": "浏览器会员"}, &member)
	w.signIn(t, "operator1", w.password["operator1"])
	t.Run("Import", func(t *testing.T) {
		w.open(t, "/console/orders/import", "#import-form")
		w.b.do(t, "upload the file", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{ordersFile(t, w.dir)}),
			chromedp.Click(chromedp.CSS("#import-submit")), chromedp.WaitVisible(chromedp.CSS("#import-report")))
		assert.Equal(t, "共 5 行：新增 4，更新 0，未变 0，拒绝 1", w.b.text(t, "#import-summary"))
		row := w.b.text(t, "#import-errors tbody tr")
		assert.Contains(t, row, "6", "the bad row by its spreadsheet row")
		assert.Contains(t, row, "金额")
		w.b.shot(t)
	})
	t.Run("List", func(t *testing.T) {
		w.open(t, "/console/orders", "#orders")
		sale := "#orders tr[data-order-no='B-1001']"
		assert.Equal(t, "门店收银", w.b.text(t, sale+" .order-source"))
		assert.Equal(t, "测试一店", w.b.text(t, sale+" .order-store"))
		assert.Equal(t, "VIP-B1 · 浏览器会员", w.b.text(t, sale+" .order-member a"))
		assert.Equal(t, "¥128.00", w.b.text(t, sale+" .order-amount"))
		assert.Equal(t, "-¥40.00", w.b.text(t, "#orders tr[data-order-no='B-1001-R'] .order-amount"))
		assert.Equal(t, "小程序商城", w.b.text(t, "#orders tr[data-order-no='B-1002'] .order-source"))
		assert.Zero(t, w.countOf(t, "#orders tr[data-order-no='B-1003']"), "the refused order was not written")
		w.b.shot(t)
	})
	t.Run("SaleAndRefund", func(t *testing.T) {
		w.b.do(t, "open the sale", chromedp.Click(chromedp.CSS("#orders tr[data-order-no='B-1001'] a.order-link")), chromedp.WaitVisible(chromedp.CSS("#order-items")))
		assert.Contains(t, w.b.text(t, "#order-items"), "拿铁")
		assert.Contains(t, w.b.text(t, "#order-kept"), "实收 ¥88.00")
		w.b.shot(t)
		w.b.do(t, "open its refund", chromedp.Click(chromedp.CSS("#order-related tr[data-order-no='B-1001-R'] a.order-link")),
			chromedp.WaitVisible(chromedp.CSS("#order-no .badge.warn")))
		assert.Contains(t, w.b.text(t, "#order-no"), "退款")
		assert.Contains(t, w.b.text(t, "#order-relations"), "原订单")
		assert.Contains(t, w.b.text(t, "#order-related"), "B-1001")
		assert.Equal(t, "-¥40.00", w.b.text(t, "#order-amount"))
	})
	t.Run("Refund", func(t *testing.T) { w.b.shot(t) })
}

// consoleSegment: the operator builds a segment of an OR group of two
// conditions; the live count says what an unfinished condition lacks
// beside it, counts one customer, then two once the second condition
// is added; saved, the segment reads out its rule and lists both
// customers by name.
func consoleSegment(t *testing.T, w *consoleWorld) {
	w.signIn(t, "operator1", w.password["operator1"])
	t.Run("Build", func(t *testing.T) {
		w.open(t, "/console/segments/new", "#segment-form")
		w.treeChange(t, "add an OR group", chromedp.Click(chromedp.CSS("#n > .seg-add .seg-add-group")))
		w.treeChange(t, "drop the empty first condition", chromedp.Click(chromedp.CSS("#n-0 .seg-del")))
		assert.Equal(t, "or", w.attrOf(t, `select[name="op:rules[0]"] option:checked`, "value"), "a new group is an OR group")
		w.condition(t, "rules[0].rules[0]", "客户昵称", "包含")
		w.waitText(t, "#err-n-0-0", "客户昵称：取值不正确")
		assert.Contains(t, w.b.text(t, "#preview"), "条件还不完整", "the count waits for the condition, which says what it lacks")
		t.Run("Incomplete", func(t *testing.T) { w.b.shot(t) })
		w.b.do(t, "type the first value", chromedp.SendKeys(chromedp.CSS(`input[name="v:rules[0].rules[0]"]`), "控制台"))
		w.waitText(t, "#preview-count", "1")
		assert.Empty(t, w.b.text(t, "#err-n-0-0"), "the reason goes once the condition is complete")
		w.treeChange(t, "add a second condition to the group", chromedp.Click(chromedp.CSS("#n-0 > .seg-add .seg-add-cond")))
		w.condition(t, "rules[0].rules[1]", "客户昵称", "包含")
		w.b.do(t, "type the second value", chromedp.SendKeys(chromedp.CSS(`input[name="v:rules[0].rules[1]"]`), "池中"))
		w.waitText(t, "#preview-count", "2")
		assert.Contains(t, w.b.text(t, "#preview-sample"), "控制台客户")
		assert.Contains(t, w.b.text(t, "#preview-sample"), "池中客户")
		w.b.do(t, "name it", chromedp.SendKeys(chromedp.CSS("#name"), "浏览器测试人群"))
		w.pick(t, "#refresh_hours", "每天")
		w.b.shot(t)
	})
	t.Run("Saved", func(t *testing.T) {
		w.b.do(t, "save", chromedp.Click(chromedp.CSS("#segment-submit")), chromedp.WaitVisible(chromedp.CSS("#segment-name")))
		assert.Contains(t, w.b.text(t, "#flash"), "已保存人群「浏览器测试人群」：2 位客户")
		assert.Equal(t, "客户昵称 包含 控制台 或 客户昵称 包含 池中", w.b.text(t, "#segment-rule"), "the rule in words")
		names := w.b.text(t, "#segment-customers")
		assert.Contains(t, names, "控制台客户")
		assert.Contains(t, names, "池中客户")
		assert.Contains(t, w.b.text(t, "#versions"), "第 1 版")
		w.b.shot(t)
	})
	t.Run("Refreshed", func(t *testing.T) {
		w.b.do(t, "refresh it", chromedp.Evaluate[chromedp.Void](`document.querySelector('#flash').remove()`), // the save's
			chromedp.Click(chromedp.CSS("#refresh-segment")), chromedp.WaitVisible(chromedp.CSS("#flash")))
		assert.Contains(t, w.b.text(t, "#flash"), "第 2 版，2 位客户")
		assert.Equal(t, 2, w.countOf(t, "#versions tbody tr"), "the first version is kept")
		w.open(t, "/console/segments", "#segments")
		row := get(t, w.b, "read the row", chromedp.Evaluate[string](`[...document.querySelectorAll('#segments tr')].find(r => r.textContent.includes('浏览器测试人群')).textContent`))
		for _, want := range []string{"第 2 版", "每天", "刷新"} {
			assert.Contains(t, row, want)
		}
		w.b.shot(t)
	})
}

// consoleOrdersSegmentsAnalyst: the analyst reads orders and segments and
// is offered no button that changes them.
func consoleOrdersSegmentsAnalyst(t *testing.T, w *consoleWorld) {
	w.signIn(t, "analyst1", w.password["analyst1"])
	menu := w.b.text(t, "#menu")
	assert.Contains(t, menu, "订单")
	assert.Contains(t, menu, "人群")
	w.open(t, "/console/orders", "#orders")
	t.Run("Orders", func(t *testing.T) { w.b.shot(t) })
	order := w.attrOf(t, "#orders tr[data-order-no='B-1001'] a.order-link", "href")
	w.open(t, "/console/segments", "#segments")
	segment := get(t, w.b, "find the segment", chromedp.Evaluate[string](`[...document.querySelectorAll('#segments a.segment-link')].find(a => a.textContent === '浏览器测试人群').getAttribute('href')`))
	for _, page := range []string{"/console/orders", order, "/console/segments", segment} {
		w.open(t, page, "#menu")
		n := w.countOf(t, `form[method=post]:not([action="/console/logout"]), #new-segment, #to-order-import, #copy-segment, .segment-refresh, #refresh-segment`)
		assert.Zero(t, n, "%s offers the analyst no change", page)
	}
	assert.Contains(t, w.b.text(t, "#segment-customers"), "控制台客户", "the analyst reads the snapshot")
	w.b.shot(t)
	assert.Equal(t, int64(403), w.b.status(t, w.p.base+"/console/segments/new"))
	assert.Equal(t, int64(403), w.b.status(t, w.p.base+"/console/orders/import"))
}

// treeChange runs steps that make the builder render its tree again
// and waits for the new tree to be live: a value typed into the old one
// would be lost, and htmx wires the new one only once it has settled.
func (w *consoleWorld) treeChange(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	get(t, w.b, "mark the tree", chromedp.Evaluate[bool](`(document.querySelector('#n').dataset.stale = '1', true)`))
	w.b.do(t, what, append(steps, chromedp.WaitVisible(chromedp.CSS("#rule-tree:not(.htmx-settling) > #n:not([data-stale]):not(.htmx-added)")))...)
}

// condition chooses the field and comparison of the condition at path,
// each by its label, as a person would.
func (w *consoleWorld) condition(t *testing.T, path, field, cmp string) {
	t.Helper()
	w.treeChange(t, "choose "+field, chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector('select[name="field:`+path+`"]');
		s.value = [...s.options].find(o => o.textContent === `+jsString(field)+`).value;
		s.dispatchEvent(new Event('change', {bubbles: true})); })()`))
	w.treeChange(t, "compare by "+cmp, chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector('select[name="cmp:`+path+`"]');
		s.value = [...s.options].find(o => o.textContent === `+jsString(cmp)+`).value;
		s.dispatchEvent(new Event('change', {bubbles: true})); })()`))
}

// waitText waits until the element sel finds says want.
func (w *consoleWorld) waitText(t *testing.T, sel, want string) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		got = get(t, w.b, "read "+sel, chromedp.Evaluate[string](`(document.querySelector(`+jsString(sel)+`) || {}).textContent || ""`))
		if strings.TrimSpace(got) == want {
			return
		}
	}
	t.Fatalf("%s says %q, not %q", sel, got, want)
}
