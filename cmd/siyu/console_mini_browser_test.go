package main

import (
	"net/http"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The console's 小程序 in a browser on the embedded demo: the demo's
// mini-program is listed; the operator changes its reward template with
// the secret left empty, and consumers still log in with the kept secret.
func TestConsoleMiniInBrowser(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	runConsole(t, demoEnv(dir), filepath.Join(dir, "sandbox.url"), []consoleStep{{"NewcomerSignsIn", consoleNewcomer},
		{"AdminAddsUsers", consoleAddUsers}, {"OperatorEditsMiniProgram", consoleMini}})
}

func consoleMini(t *testing.T, w *consoleWorld) {
	w.signIn(t, "operator1", w.password["operator1-once"])
	w.open(t, "/console/mini-apps", "#mini-apps")
	assert.Contains(t, w.b.text(t, "#mini-apps"), "演示小程序（沙箱）")
	assert.Contains(t, w.b.text(t, "#mini-apps"), "共享会员池")
	w.b.shot(t)
	w.b.do(t, "open the form", chromedp.Click(chromedp.CSS(`#mini-apps a[href$="/edit"]`)), chromedp.WaitVisible(chromedp.CSS("#mini-form")))
	appid := w.b.text(t, "#appid")
	w.b.do(t, "change the reward template", chromedp.SetValue(chromedp.CSS("#reward_template"), "demo-tpl-reward-2"),
		chromedp.Click(chromedp.CSS("#mini-submit")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	assert.Contains(t, w.b.text(t, "#flash"), "已保存小程序")
	assert.Contains(t, w.b.text(t, "#mini-apps"), "demo-tpl-reward-2")

	code := actResult(t, w.env, "mini-login", "--unionid", "browser-union")["code"].(string)
	status, answer := callAPI(t, w.p, "", http.MethodPost, "/api/mini/v1/login", map[string]string{"appid": appid, "code": code})
	require.Equal(t, http.StatusOK, status, "the secret was kept: %s", answer)
}
