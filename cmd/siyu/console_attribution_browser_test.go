package main

import (
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

// TestConsoleAttributionInBrowser runs the real serve with the demo corp
// and drives 业绩归属 in headless Chromium: after stores and orders are
// imported (and one order rung up by a guide comes in through the API),
// the operator edits the rules with a bad value and reads the Chinese
// reason beside it, tries the draft over the last 30 days (试算) and sees
// the guide's order move, saves, watches the recompute finish, opens the
// report with its chart, and saves the RFM settings. Any JavaScript
// error fails the test; each page is saved as a screenshot.
func TestConsoleAttributionInBrowser(t *testing.T) {
	t.Parallel()
	steps := []consoleStep{{"NewcomerSignsIn", consoleNewcomer}, {"AdminAddsUsers", consoleAddUsers},
		{"OperatorImportsStores", consoleImport}, {"OperatorImportsOrders", consoleOrders},
		{"OperatorEditsRules", consoleAttribution}, {"OperatorReadsReport", consoleCreditReport}, {"OperatorEditsRFM", consoleRFM}}
	t.Run("embedded", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		runConsole(t, demoEnv(dir), filepath.Join(dir, "sandbox.url"), steps)
	})
	t.Run("mysql", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		env := configEnv(testkit.DatabaseConfig(t, config.DriverMySQL), testkit.RedisConfig(t, config.RedisStandalone))
		runConsole(t, append(env, "SIYU_SANDBOX_DEMO=true", "SIYU_SECURITY_API_TOKEN_FILE="+filepath.Join(dir, "api.token"),
			"SIYU_SANDBOX_JOURNAL_PATH="+filepath.Join(dir, "sandbox.journal"), "SIYU_SANDBOX_URL_FILE="+filepath.Join(dir, "sandbox.url")),
			filepath.Join(dir, "sandbox.url"), steps)
	})
}

// consoleAttribution: a till order by 一号店's first guide comes in;
// the operator's bad share window is refused in Chinese beside its
// field; without 收银导购 in the order, the dry run moves that order
// (¥88.00) from the guide; saved, the recompute's progress runs to done
// and the version history says what changed.
func consoleAttribution(t *testing.T, w *consoleWorld) {
	paid := time.Now().Add(-48 * time.Hour).UTC().Format(time.RFC3339)
	var order map[string]any
	w.postJSON(t, "/api/v1/corps/demo/orders", map[string]any{"source": "pos", "order_no": "G-2001", "store_code": "S01",
		"guide_code": "guide0101", "amount_cents": 8800, "paid_at": paid}, &order)
	w.signIn(t, "operator1", w.password["operator1"])
	w.open(t, "/console/attribution", "#rules-form")
	assert.Contains(t, w.b.text(t, "#current-rules"), "专属导购 ＞ 推广导购 ＞ 添加导购（最早添加） ＞ 收银导购 ＞ 购买门店")
	t.Run("ErrInvalid", func(t *testing.T) {
		w.confirmAll(t)
		w.b.do(t, "save a 0-day share window", chromedp.SetValue(chromedp.CSS("#share_days"), "0"), chromedp.Click(chromedp.CSS("#rules-submit")),
			chromedp.WaitVisible(chromedp.CSS(".field.invalid .err")))
		assert.Equal(t, "应为 1 到 365 的整数", w.b.text(t, ".field.invalid .err"))
		assert.Equal(t, "0", w.attrOf(t, "#share_days", "value"), "the form comes back as sent")
		w.b.shot(t)
	})
	t.Run("DryRun", func(t *testing.T) {
		w.b.do(t, "mend the window", chromedp.SetValue(chromedp.CSS("#share_days"), "7"))
		w.pick(t, "#pos_pos_guide", "不使用")
		w.b.do(t, "try the draft", chromedp.Click(chromedp.CSS("#dry-run-submit")), chromedp.WaitVisible(chromedp.CSS("#dry-run")))
		summary := w.b.text(t, "#dry-summary")
		assert.Contains(t, summary, "其中 1 笔的业绩归属会变化，涉及金额 ¥88.00", summary)
		guides := w.b.text(t, "#dry-guide")
		assert.Contains(t, guides, "-¥88.00")
		assert.NotContains(t, guides, "guide0101", "guides by name")
		assert.Empty(t, w.attrOf(t, "#pos_pos_guide option:checked", "value"), "the draft stays in the form")
		w.b.shot(t)
	})
	t.Run("Saved", func(t *testing.T) {
		w.confirmAll(t)
		w.b.do(t, "save", chromedp.SendKeys(chromedp.CSS("#note"), "收银导购不再计入"), chromedp.Click(chromedp.CSS("#rules-submit")),
			chromedp.WaitVisible(chromedp.CSS("#flash")))
		assert.Contains(t, w.b.text(t, "#flash"), "版归属规则，正在按新规则重新计算")
		w.b.do(t, "watch the recompute finish", chromedp.WaitVisible(chromedp.CSS(`#run[data-status="done"]`)))
		assert.Contains(t, w.b.text(t, "#run"), "已完成")
		assert.Contains(t, w.b.text(t, "#current-rules"), "专属导购 ＞ 推广导购 ＞ 添加导购（最早添加） ＞ 购买门店")
		history := w.b.text(t, "#versions tbody tr")
		assert.Contains(t, history, "归属顺序：")
		assert.Contains(t, history, "收银导购不再计入")
		assert.Contains(t, history, "operator1")
		w.b.shot(t)
	})
}

// consoleCreditReport: the report of the last 30 days by store nets the
// refund, draws its chart; by guide, the till order no longer goes to
// the guide.
func consoleCreditReport(t *testing.T, w *consoleWorld) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	now := time.Now().In(sh)
	period := "from=" + now.AddDate(0, 0, -30).Format("2006-01-02") + "&to=" + now.Format("2006-01-02")
	w.open(t, "/console/attribution/report?"+period, "#credit-chart[data-ready] canvas")
	stores := w.b.text(t, "#credit")
	for _, want := range []string{"测试一店", "¥128.00", "-¥40.00", "¥88.00", "测试二店", "¥66.50"} {
		assert.Contains(t, stores, want)
	}
	w.b.shot(t)
	w.pick(t, "#by", "导购")
	get(t, w.b, "mark the page", chromedp.Evaluate[bool](`(document.body.dataset.stale = '1', true)`))
	w.b.do(t, "by guide", chromedp.Click(chromedp.CSS("#credit-search")),
		chromedp.WaitVisible(chromedp.CSS("body:not([data-stale]) #credit-chart[data-ready] canvas")))
	assert.Contains(t, w.url(t), "by=guide", "the filter is in the URL")
	assert.Contains(t, w.b.text(t, "#credit"), "（不归导购，只归门店）")
	t.Run("ByGuide", func(t *testing.T) { w.b.shot(t) })
}

// consoleRFM: the operator sets a frequency threshold (2 purchases),
// saves, and the recompute the save queued classifies the one member who
// bought (once) under it.
func consoleRFM(t *testing.T, w *consoleWorld) {
	w.open(t, "/console/rfm", "#rfm-form")
	w.confirmAll(t)
	w.b.do(t, "save a frequency threshold", chromedp.SetValue(chromedp.CSS("#frequency"), "2"), chromedp.Click(chromedp.CSS("#rfm-submit")),
		chromedp.WaitVisible(chromedp.CSS("#flash")))
	assert.Contains(t, w.b.text(t, "#flash"), "已保存 RFM 与生命周期设置")
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(500 * time.Millisecond) {
		w.open(t, "/console/rfm", "#rfm-classes")
		if strings.Contains(w.b.text(t, "#rfm-current"), "购买 2 次及以上") && w.countOf(t, "#rfm-classes table") > 0 {
			break
		}
		require.True(t, time.Now().Before(deadline), "the recompute classified nobody")
	}
	assert.Equal(t, "1", w.b.text(t, `#rfm-classes tr[data-class="deepen"] .rfm-n`),
		"the one buyer, at the medians but bought once: 重要深耕 (R↑ F↓ M↑)")
	w.b.shot(t)
}
