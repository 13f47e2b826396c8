package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// consoleTransfers: the operator hands 浦东店导购3's customers to the
// store's other guides. The preview says who goes to whom before anything
// is sent; confirmed, the customers go to WeCom and wait out its 24 hours,
// and one who refuses becomes the store manager's follow-up task. A 离职继承
// of a guide WeCom still has as a member is warned about in the preview and
// fails, each failure with its follow-up. A preview abandoned starts
// nothing. Each page is saved as a screenshot.
func consoleTransfers(t *testing.T, w *consoleWorld) {
	w.signIn(t, "operator1", w.password["operator1"])
	leaver, _ := w.guideName(t, "guide0303")
	takers := []string{}
	for _, g := range []string{"guide0301", "guide0302"} {
		name, _ := w.guideName(t, g)
		takers = append(takers, name)
	}
	manager, _ := w.guideName(t, "manager03")
	var at string
	t.Run("FormErrors", func(t *testing.T) {
		w.open(t, "/console/transfers/new", "#transfer-form")
		w.b.do(t, "fill it wrongly", chromedp.Click(chromedp.CSS("#mode-resigned")), chromedp.Click(chromedp.CSS("#rule-guide")),
			chromedp.SendKeys(chromedp.CSS("#message"), "您好"), chromedp.Click(chromedp.CSS("#preview-submit")), chromedp.WaitVisible(chromedp.CSS("#form-errors")))
		assert.Contains(t, w.b.text(t, "#form-errors"), "3 处", "every wrong field at once")
		assert.Equal(t, 3, get(t, w.b, "count the fields marked", chromedp.Evaluate[int](`document.querySelectorAll('#transfer-form .invalid .err').length`)))
		w.b.shot(t)
	})
	t.Run("Preview", func(t *testing.T) {
		w.previewTransfer(t, "浦东店", "guide0303", "")
		assert.Contains(t, w.b.text(t, "#pv-from"), leaver)
		assert.Contains(t, w.b.text(t, "#pv-mode"), "在职继承", "an active guide goes through 在职继承")
		assert.Equal(t, takers, w.texts(t, "#pv-takers .taker-name"), "the store's other guides, in turn")
		rows := w.texts(t, "#pv-items .pv-taker")
		require.NotEmpty(t, rows)
		assert.Equal(t, takers[0], rows[0])
		if len(rows) > 1 {
			assert.Equal(t, takers[1], rows[1], "round-robin")
		}
		assert.NotContains(t, w.b.text(t, "#pv-items"), "wm", "customers by name, not external_userid")
		w.b.shot(t)
	})
	t.Run("StartAndWait", func(t *testing.T) {
		asks := get(t, w.b, "read the question", chromedp.Evaluate[string](`document.querySelector('#confirm-form').dataset.confirm`))
		assert.Contains(t, asks, "无法撤回")
		w.acceptConfirms(t)
		w.b.do(t, "confirm", chromedp.Click(chromedp.CSS("#confirm-transfer")), chromedp.WaitVisible(chromedp.CSS("#progress")))
		assert.Contains(t, w.b.text(t, "#flash"), "已发起转接")
		at = w.url(t)
		w.b.do(t, "the progress refreshes to waiting", chromedp.WaitVisible(chromedp.CSS(`#cannot-cancel`)),
			chromedp.WaitVisible(chromedp.CSS(`#progress-text [data-state=waiting]`)))
		assert.Contains(t, w.b.text(t, "#transfer-status"), "进行中")
		w.b.do(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#items")))
		ext := get(t, w.b, "a waiting customer", chromedp.Evaluate[string](`document.querySelector('#items tr[data-state=waiting]').dataset.externalUserid`))
		act(t, w.env, "customer-refuses-transfer", "--external-userid", ext)
		row := `#items tr[data-external-userid='` + ext + `']`
		for range 50 {
			w.b.do(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#items")))
			if strings.Contains(w.b.text(t, row+" .item-state"), "客户拒绝") {
				break
			}
		}
		assert.Equal(t, "客户拒绝", w.b.text(t, row+" .item-state"))
		assert.Contains(t, w.b.text(t, row+" .item-reason"), "客户拒绝由新导购接替")
		assert.Contains(t, w.b.text(t, row+" .follow-up"), manager, "the refusal is the store manager's task")
		w.b.shot(t)
	})
	t.Run("ResignedWarned", func(t *testing.T) {
		w.previewTransfer(t, "浦东店", "guide0302", "#mode-resigned")
		assert.Contains(t, w.b.text(t, "#preview-warning"), "企业微信会拒绝离职继承")
		w.b.shot(t)
	})
	t.Run("ResignedFails", func(t *testing.T) {
		w.acceptConfirms(t)
		w.b.do(t, "confirm", chromedp.Click(chromedp.CSS("#confirm-transfer")), chromedp.WaitVisible(chromedp.CSS("#progress")))
		w.b.do(t, "the transfer ends", chromedp.WaitVisible(chromedp.CSS(`#progress-text [data-state=failed]`)),
			chromedp.WaitNotPresent(chromedp.CSS(`#progress[hx-trigger]`)), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#items")))
		assert.Contains(t, w.b.text(t, "#transfer-status"), "已完成")
		assert.Contains(t, w.b.text(t, "#items .item-reason"), "企业微信返回错误")
		assert.Contains(t, w.b.text(t, "#items .follow-up"), manager)
		w.b.shot(t)
	})
	t.Run("AbandonedPreview", func(t *testing.T) {
		w.previewTransfer(t, "浦东店", "guide0301", "")
		w.b.do(t, "abandon", chromedp.Click(chromedp.CSS("#abandon-transfer")), chromedp.WaitVisible(chromedp.CSS("#transfers")))
		froms := w.texts(t, "#transfers .transfer-from")
		assert.Len(t, froms, 2, "the abandoned preview started nothing")
		assert.NotContains(t, froms, takers[0])
		w.b.shot(t)
		w.open(t, "/console/transfers?status=running", "#transfers")
		assert.Equal(t, []string{leaver}, w.texts(t, "#transfers .transfer-from"), "the filter is in the URL")
		w.open(t, strings.TrimPrefix(at, w.p.base), "#progress")
		assert.Contains(t, w.b.text(t, "#cannot-cancel"), "无法取消", "sent to WeCom: nothing left to cancel")
	})
	t.Run("OthersRead", func(t *testing.T) {
		w.signIn(t, "manager01", w.password["manager01"])
		w.open(t, "/console/transfers", "#transfers")
		assert.Empty(t, w.texts(t, "#transfers .transfer-from"), "徐汇店's manager sees no 浦东店 transfer")
		assert.Equal(t, int64(404), w.b.status(t, at))
		w.signIn(t, "analyst1", w.password["analyst1"])
		w.open(t, strings.TrimPrefix(at, w.p.base), "#items")
		n := get(t, w.b, "count write controls", chromedp.Evaluate[int](`document.querySelectorAll('#new-transfer, #cancel-form').length`))
		assert.Zero(t, n, "the analyst reads only")
		assert.Equal(t, int64(403), w.b.status(t, w.p.base+"/console/transfers/new"))
	})
}

// previewTransfer fills the form for userID of store and asks for the
// preview; mode, when set, is the radio to choose.
func (w *consoleWorld) previewTransfer(t *testing.T, store, userID, mode string) {
	t.Helper()
	w.open(t, "/console/transfers", "#transfers")
	w.b.do(t, "open the form", chromedp.Click(chromedp.CSS("#new-transfer")), chromedp.WaitVisible(chromedp.CSS("#transfer-form")))
	// The store's guides replace the list the form opened with; choosing
	// before they arrive would be undone by their arrival.
	get(t, w.b, "mark the list the form opened with", chromedp.Evaluate[bool](`(document.querySelector('#userid').dataset.stale = '1', true)`))
	w.pick(t, "#store", store)
	w.b.do(t, "the store's guides", chromedp.WaitReady(chromedp.CSS(`#userid:not([data-stale]) option[value="`+userID+`"]`)),
		chromedp.SetValue(chromedp.CSS("#userid"), userID))
	if mode != "" {
		w.b.do(t, "choose the mode", chromedp.Click(chromedp.CSS(mode)))
	}
	w.b.do(t, "preview", chromedp.Click(chromedp.CSS("#preview-submit")), chromedp.WaitVisible(chromedp.CSS("#pv-takers")))
}

// texts reads the text of every element sel finds.
func (w *consoleWorld) texts(t *testing.T, sel string) []string {
	return get(t, w.b, "read "+sel, chromedp.Evaluate[[]string](`[...document.querySelectorAll(`+jsString(sel)+`)].map(e => e.textContent.trim())`))
}

// acceptConfirms answers yes to the page's confirmation question, as a
// person clicking OK would; the question itself is checked by its
// attribute.
func (w *consoleWorld) acceptConfirms(t *testing.T) {
	get(t, w.b, "accept confirmations", chromedp.Evaluate[bool](`(window.confirm = () => true, true)`))
}
