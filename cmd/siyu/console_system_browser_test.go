package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// consoleSystem: the admin opens 系统, sees the demo corp and its full
// sync, runs the WeCom connectivity check — every part works against the
// sandbox: both secrets get tokens and read, the app's secret and agent
// id belong together, the demo verified the callback URL when it
// connected (events since count as well), and the sandbox accepts this
// server's calls — then starts a full sync and watches it finish. An
// operator has no 系统 in the menu and is refused the page.
func consoleSystem(t *testing.T, w *consoleWorld) {
	t.Run("Check", func(t *testing.T) { systemCheck(t, w) })
	t.Run("Sync", func(t *testing.T) { systemSync(t, w) })
	t.Run("OperatorRefused", func(t *testing.T) {
		w.signIn(t, "operator1", w.password["operator1"])
		assert.NotContains(t, w.b.text(t, "#menu"), "系统")
		assert.Equal(t, int64(403), w.b.status(t, w.p.base+"/console/system"))
		assert.Contains(t, w.b.text(t, "#error"), "无权")
	})
}

// systemCheck: the admin sees the corp and runs the check; each part is
// fine, or the test names what WeCom said and the fix the page offers.
func systemCheck(t *testing.T, w *consoleWorld) {
	w.signIn(t, "admin", w.password["admin"])
	assert.Contains(t, w.b.text(t, "#menu"), "系统")
	w.open(t, "/console/system", "#corp")
	assert.Equal(t, "demo", w.b.text(t, "#corp-id"))
	assert.Contains(t, w.b.text(t, "#corp-status"), "已接入")
	assert.Contains(t, w.b.text(t, "#callback-url"), "/wecom/callback/demo")
	assert.Contains(t, w.b.text(t, "#syncs tr[data-status=done]"), "完成", "the demo's full sync is listed")

	w.b.do(t, "run the check", chromedp.Click(chromedp.CSS("#run-check")), chromedp.WaitVisible(chromedp.CSS("#checks")))
	for _, key := range []string{"contact_secret", "app_secret", "callback", "trusted_ip"} {
		row := "#checks tr[data-check=" + key + "]"
		status := get(t, w.b, "read "+key, chromedp.Evaluate[string](`document.querySelector('`+row+`').dataset.status`))
		assert.Equal(t, "ok", status, "%s: %s", key, w.b.text(t, row))
	}
	w.b.shot(t)
}

// systemSync: the admin starts a full sync and watches it finish.
func systemSync(t *testing.T, w *consoleWorld) {
	w.open(t, "/console/system", "#syncs")
	get(t, w.b, "accept the confirmation", chromedp.Evaluate[bool](`(window.confirm = () => true, true)`))
	w.b.do(t, "start a full sync", chromedp.Click(chromedp.CSS("#start-sync")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	msg := w.b.text(t, "#flash")
	require.Contains(t, msg, "已开始全量同步 #")
	run := "#syncs tr[data-run='" + strings.TrimPrefix(msg, "已开始全量同步 #") + "']"
	for deadline := time.Now().Add(60 * time.Second); ; {
		if get(t, w.b, "is the run done", chromedp.Evaluate[bool](`document.querySelector("`+run+`")?.dataset.status === 'done'`)) {
			break
		}
		require.True(t, time.Now().Before(deadline), "the sync finishes: %s", w.b.text(t, "#syncs"))
		time.Sleep(300 * time.Millisecond)
		w.b.do(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#syncs")))
	}
	assert.Contains(t, w.b.text(t, run), "无偏差", "nothing drifted since the first sync")
	w.b.shot(t)
}
