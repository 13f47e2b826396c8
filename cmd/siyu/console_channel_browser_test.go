package main

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// consolePause: the operator pauses the channel they made. Without a
// backup guide the console says why it cannot (WeCom cannot switch a code
// off); with one, the code routes to the backup alone until resumed.
func consolePause(t *testing.T, w *consoleWorld) {
	path := "/console/channels/" + w.channelID(t)
	w.open(t, path, "#pause-channel")
	asks := get(t, w.b, "read the question", chromedp.Evaluate[string](`document.querySelector('#pause-channel').form.dataset.confirm`))
	assert.Contains(t, asks, "备用导购", "pausing asks first")
	w.confirmAll(t)
	w.b.do(t, "pause without a backup", chromedp.Click(chromedp.CSS("#pause-channel")), chromedp.WaitVisible(chromedp.CSS("#flash.bad")))
	assert.Contains(t, w.b.text(t, "#flash"), "请先设置一位在职的备用导购")

	backup, _ := w.guideName(t, "guide0103")
	w.open(t, path+"/edit", "#channel-form")
	w.pick(t, "#backup_userid", backup)
	w.b.do(t, "save the backup", chromedp.Click(chromedp.CSS("#channel-submit")), chromedp.WaitVisible(chromedp.CSS("#pause-channel")))
	w.confirmAll(t)
	w.b.do(t, "pause", chromedp.Click(chromedp.CSS("#pause-channel")), chromedp.WaitVisible(chromedp.CSS("#resume-channel")))
	assert.Contains(t, w.b.text(t, "#flash"), "已暂停")
	assert.Equal(t, backup, w.b.text(t, "#routed-to"), "WeCom now routes to the backup alone")
	w.b.shot(t)
	w.b.do(t, "resume", chromedp.Click(chromedp.CSS("#resume-channel")), chromedp.WaitVisible(chromedp.CSS("#pause-channel")))
	assert.NotEqual(t, backup, w.b.text(t, "#routed-to"), "the guides take customers again")
}

// channelID is the id of the channel the operator created, from its
// page's URL.
func (w *consoleWorld) channelID(t *testing.T) string {
	w.open(t, "/console/channels", "#channels")
	return get(t, w.b, "find the channel", chromedp.Evaluate[string](`[...document.querySelectorAll('#channels a')]
		.find(a => a.textContent.trim() === '控制台测试活码').getAttribute('href').split('/').pop()`))
}

// confirmAll answers yes to the page's confirmation questions, as a user
// clicking OK would; the question itself is checked by its attribute.
func (w *consoleWorld) confirmAll(t *testing.T) {
	get(t, w.b, "accept confirmations", chromedp.Evaluate[bool](`(window.confirm = () => true, true)`))
}
