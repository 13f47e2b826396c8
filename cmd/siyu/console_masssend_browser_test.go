package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// TestConsoleMassSendInBrowser runs the real serve with the demo corp and
// drives 群发 in headless Chromium: the operator sends to a segment of two
// customers of 一号店's first guide, reads the preview (the guide by name),
// confirms; the guide confirms in the sandbox, and the send's page shows
// them confirmed and both customers sent; a reminder leaves 2; a second
// send is cancelled after its confirmation question. Any JavaScript error
// fails the test; each page is saved as a screenshot.
func TestConsoleMassSendInBrowser(t *testing.T) {
	t.Parallel()
	steps := []consoleStep{{"NewcomerSignsIn", consoleNewcomer}, {"AdminAddsUsers", consoleAddUsers}, {"OperatorSendsToSegment", consoleMassSend},
		{"OperatorSendsToTaggedGroups", consoleGroupSend}, {"OperatorPlansGroupSOP", consoleGroupSOP}}
	t.Run("embedded", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		runConsole(t, append(demoEnv(dir), fastTick), filepath.Join(dir, "sandbox.url"), steps)
	})
	t.Run("mysql", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		env := configEnv(testkit.DatabaseConfig(t, config.DriverMySQL), testkit.RedisConfig(t, config.RedisStandalone))
		runConsole(t, append(env, fastTick, "SIYU_SANDBOX_DEMO=true", "SIYU_SECURITY_API_TOKEN_FILE="+filepath.Join(dir, "api.token"),
			"SIYU_SANDBOX_JOURNAL_PATH="+filepath.Join(dir, "sandbox.journal"), "SIYU_SANDBOX_URL_FILE="+filepath.Join(dir, "sandbox.url")),
			filepath.Join(dir, "sandbox.url"), steps)
	})
}

func consoleMassSend(t *testing.T, w *consoleWorld) {
	for _, name := range []string{"群发甲", "群发乙"} {
		waitAssigned(t, w.p, w.token, act(t, w.env, "customer-adds", "--userid", "guide0101", "--name", name, "--state", "store01"))
	}
	var seg struct {
		ID      int64 `json:"id"`
		Version int   `json:"version"`
		Count   int64 `json:"count"`
	}
	w.postJSON(t, "/api/v1/corps/demo/segments", map[string]any{"name": "群发测试人群",
		"rule": map[string]any{"field": "customer.name", "cmp": "contains", "value": "群发"}}, &seg)
	for deadline := time.Now().Add(30 * time.Second); seg.Count != 2; time.Sleep(200 * time.Millisecond) {
		require.True(t, time.Now().Before(deadline), "the customers' names were not read")
		w.postJSON(t, fmt.Sprintf("/api/v1/corps/demo/segments/%d/refresh", seg.ID), map[string]any{}, &seg)
	}
	option := fmt.Sprintf("群发测试人群 · 第 %d 版（2 位客户）", seg.Version)
	guide, _ := w.guideName(t, "guide0101")
	pw := w.password["operator1"]
	if pw == "" {
		pw = w.password["operator1-once"] // their first sign-in
	}
	w.signIn(t, "operator1", pw)
	t.Run("Preview", func(t *testing.T) {
		w.newMassSend(t, "双十二会员日", option)
		assert.Contains(t, w.b.text(t, "#masssend-audience"), "群发测试人群")
		assert.Contains(t, w.b.text(t, "#pv-targeted"), "将发给 2 位客户")
		assert.Equal(t, []string{guide}, w.texts(t, "#pv-guides .pv-guide"), "the guide by name")
		w.b.shot(t)
	})
	t.Run("ConfirmedAndSent", func(t *testing.T) {
		w.b.do(t, "confirm", chromedp.Click(chromedp.CSS("#start-masssend")), chromedp.WaitVisible(chromedp.CSS("#guides")))
		assert.Contains(t, w.b.text(t, "#flash"), "已确认发送")
		msgID := w.sandboxMassSend(t, "双十二会员日")
		act(t, w.env, "member-confirms-mass-send", "--msgid", msgID, "--userid", "guide0101")
		for deadline := time.Now().Add(100 * time.Second); !strings.Contains(w.b.text(t, "#guides"), "已确认发送"); {
			require.True(t, time.Now().Before(deadline), "the follow-up did not see the confirmation")
			time.Sleep(2 * time.Second)
			w.b.do(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#guides")))
		}
		assert.Equal(t, guide, w.b.text(t, "#guides .guide-name"))
		assert.Contains(t, w.b.text(t, "#guides .guide-results"), "已发送 2")
		w.b.shot(t)
		w.open(t, strings.TrimPrefix(w.url(t), w.p.base)+"?outcome=sent", "#results")
		names := w.texts(t, "#results .customer-link")
		assert.ElementsMatch(t, []string{"群发甲", "群发乙"}, names, "customers by name")
	})
	t.Run("Remind", func(t *testing.T) {
		w.newMassSend(t, "提醒测试", option)
		w.b.do(t, "confirm", chromedp.Click(chromedp.CSS("#start-masssend")), chromedp.WaitVisible(chromedp.CSS("#guides")))
		w.sandboxMassSend(t, "提醒测试")
		w.b.do(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#remind-form")))
		assert.Contains(t, w.b.text(t, "#reminders-left"), "还可提醒 3 次")
		w.b.do(t, "remind", chromedp.Click(chromedp.CSS("#remind-masssend")), chromedp.WaitVisible(chromedp.CSS("#flash")))
		assert.Contains(t, w.b.text(t, "#flash"), "已通过企业微信提醒")
		assert.Contains(t, w.b.text(t, "#reminders-left"), "还可提醒 2 次")
		w.b.shot(t)
	})
	t.Run("Cancel", func(t *testing.T) {
		asks := get(t, w.b, "read the question", chromedp.Evaluate[string](`document.querySelector('#cancel-form').dataset.confirm`))
		assert.Contains(t, asks, "确定取消这次群发")
		w.acceptConfirms(t)
		w.b.do(t, "cancel", chromedp.Evaluate[chromedp.Void](`document.querySelector('#flash').remove()`), // the reminder's
			chromedp.Click(chromedp.CSS("#cancel-masssend")), chromedp.WaitVisible(chromedp.CSS("#flash")))
		assert.Contains(t, w.b.text(t, "#masssend-status"), "已取消")
		assert.Zero(t, w.countOf(t, "#cancel-form"))
		w.b.shot(t)
		w.open(t, "/console/mass-sends?status=cancelled", "#masssends")
		assert.Equal(t, []string{"提醒测试"}, w.texts(t, "#masssends .masssend-link"), "the filter is in the URL")
	})
}

// newMassSend fills the form for a send named name to the segment
// snapshot labelled option and opens its preview.
func (w *consoleWorld) newMassSend(t *testing.T, name, option string) {
	w.open(t, "/console/mass-sends", "#masssends")
	w.b.do(t, "open the form", chromedp.Click(chromedp.CSS("#new-masssend")), chromedp.WaitVisible(chromedp.CSS("#masssend-form")))
	w.pick(t, "#segment", option)
	w.b.do(t, "fill it", chromedp.SendKeys(chromedp.CSS("#name"), name), chromedp.SendKeys(chromedp.CSS("#text"), name+"：全场九折"),
		chromedp.Click(chromedp.CSS("#masssend-submit")), chromedp.WaitVisible(chromedp.CSS("#pv-guides")))
}

// sandboxMassSend waits for the sandbox to hold the send whose text
// starts with name and returns its msgid.
func (w *consoleWorld) sandboxMassSend(t *testing.T, name string) string {
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		code, out, errOut := siyuExec(t, w.env[len(w.env)-1:], "sandbox", "show", "snapshot")
		require.Equal(t, 0, code, errOut)
		var snap struct {
			MassSends []struct {
				MsgID, Text string
			}
		}
		require.NoError(t, json.Unmarshal([]byte(out), &snap))
		for _, m := range snap.MassSends {
			if strings.HasPrefix(m.Text, name) {
				return m.MsgID
			}
		}
	}
	t.Fatalf("no task of %s in the sandbox", name)
	return ""
}
