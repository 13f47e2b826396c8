package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// consoleTags: the operator reads the tag library with the customers
// each tag carries (the channel's tag at least the customer the sandbox
// add brought, and the channel named beside it), adds a tag to the same
// group (in WeCom, then on the page with 0 customers), and follows the
// channel tag's count to those customers and exports them.
func consoleTags(t *testing.T, w *consoleWorld) {
	w.signIn(t, "operator1", w.password["operator1"])
	w.open(t, "/console/tags", "#tags-note")
	row := "tr[data-tag='" + w.password["tag"] + "']"
	n, err := strconv.Atoi(w.b.text(t, row+" .tag-count"))
	require.NoError(t, err)
	assert.GreaterOrEqual(t, n, 1, "the channel's tag is on the customer it brought")
	assert.Contains(t, w.b.text(t, row+" .tag-channels"), "控制台测试活码", "the channel that marks it")
	group := get(t, w.b, "find the tag's group", chromedp.Evaluate[string](`document.querySelector(`+jsString(row)+`).closest('.tag-group').id`))
	form := "#" + group + " form.add-tag"
	w.b.do(t, "add a tag", chromedp.SendKeys(chromedp.CSS(form+" input[name=name]"), "控制台新标签"),
		chromedp.Click(chromedp.CSS(form+" button")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	assert.Contains(t, w.b.text(t, "#flash"), "已在企业微信添加标签「控制台新标签」")
	assert.Equal(t, "0", w.b.text(t, "#"+group+" tr[data-tag='控制台新标签'] .tag-count"), "in WeCom and on the page, on nobody yet")
	w.b.shot(t)

	w.b.do(t, "open the tag's customers", chromedp.Click(chromedp.CSS(row+" .tag-count a")), chromedp.WaitVisible(chromedp.CSS("#customers")))
	assert.Contains(t, w.b.text(t, "#customers"), "控制台客户")
	csv := get(t, w.b, "export them", chromedp.Evaluate[string](`fetch(document.querySelector('#export-csv').href).then(r => r.text())`, chromedp.EvalAwaitPromise))
	assert.Contains(t, csv, "控制台客户")
}

// consoleAudit: the admin filters the audit log by the operator, then by
// action: the stores they imported, the channel they created and the
// export they made are there, by name, newest first; the log's own export
// is recorded in it.
func consoleAudit(t *testing.T, w *consoleWorld) {
	w.signIn(t, "admin", w.password["admin"])
	w.open(t, "/console/audit", "#audit-filters")
	w.pick(t, "#filter-actor", "operator1")
	w.searchAudit(t, "filter by the operator")
	actions := w.auditActions(t)
	for _, a := range []string{"store.create", "channel.create", "tag.create", "export.customers"} {
		assert.Contains(t, actions, a, "the operator's earlier steps")
	}
	assert.Equal(t, "控制台用户「operator1」", w.b.text(t, "#audit tbody tr .audit-actor"), "the actor by name")
	w.b.shot(t)

	w.pick(t, "#filter-action", "新建渠道活码")
	w.searchAudit(t, "and by an action")
	assert.Equal(t, []string{"channel.create"}, w.auditActions(t))
	assert.Equal(t, "控制台测试活码", w.b.text(t, "#audit tbody tr .audit-target a"), "the channel by name, linked")
	w.pick(t, "#filter-action", "新建门店")
	w.searchAudit(t, "the import's stores")
	targets := w.b.text(t, "#audit tbody")
	assert.Contains(t, targets, "测试一店")
	assert.Contains(t, targets, "测试二店")
	assert.Equal(t, []string{"store.create", "store.create"}, w.auditActions(t), "the bad row created nothing")

	csv := get(t, w.b, "export the log", chromedp.Evaluate[string](`fetch(document.querySelector('#audit-export-csv').href).then(r => r.text())`, chromedp.EvalAwaitPromise))
	assert.Contains(t, csv, "控制台用户「operator1」,新建门店,门店,测试一店")
	w.open(t, "/console/audit?action=export.audit", "#audit")
	assert.Equal(t, "控制台用户「admin」", w.b.text(t, "#audit tbody tr .audit-actor"), "the export is in the log")
}

// auditActions lists the actions of the log's rows on the page.
func (w *consoleWorld) auditActions(t *testing.T) []string {
	s := get(t, w.b, "read the log", chromedp.Evaluate[string](`[...document.querySelectorAll('#audit tbody tr[data-action]')].map(r => r.dataset.action).join(' ')`))
	return strings.Fields(s)
}

// searchAudit submits the log's filter form and waits for the page it
// loads (not the one it leaves, which has the same elements).
func (w *consoleWorld) searchAudit(t *testing.T, what string) {
	w.b.do(t, what, chromedp.Evaluate[chromedp.Void](`document.querySelector('#audit-filters').dataset.left = '1'`),
		chromedp.Click(chromedp.CSS("#audit-search")), chromedp.WaitNotPresent(chromedp.CSS("#audit-filters[data-left]")),
		chromedp.WaitVisible(chromedp.CSS("#audit")))
}
