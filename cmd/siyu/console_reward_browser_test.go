package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// TestConsoleRewardsInBrowser runs the real serve with the demo corp and
// drives 奖品 in headless Chromium: the empty list, a reward refused with
// the reason beside its field and what was typed kept, a coupon created
// and codes imported from the textarea (a repeated line listed), a gift
// created and its stock added, and the list showing stock and cost in 元.
// Any JavaScript error fails the test; each page is saved as a screenshot.
func TestConsoleRewardsInBrowser(t *testing.T) {
	t.Parallel()
	steps := []consoleStep{{"NewcomerSignsIn", consoleNewcomer}, {"AdminAddsUsers", consoleAddUsers},
		{"OperatorManagesRewards", consoleRewards}}
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

func consoleRewards(t *testing.T, w *consoleWorld) {
	w.signIn(t, "operator1", w.password["operator1-once"])
	assert.Contains(t, w.b.text(t, "#menu"), "奖品")
	w.open(t, "/console/rewards", "#empty-rewards")
	w.b.do(t, "a cost with three decimals", chromedp.SendKeys(chromedp.CSS("#reward-name"), "满100减20券"),
		chromedp.SendKeys(chromedp.CSS("#reward-cost"), "12.345"), chromedp.Click(chromedp.CSS("#create-reward")),
		chromedp.WaitVisible(chromedp.CSS(".field.invalid")))
	assert.Contains(t, w.b.text(t, ".field.invalid"), "单份成本须为金额（元，最多两位小数）", "beside its field")
	assert.Equal(t, "满100减20券", w.attrOf(t, "#reward-name", "value"), "what was typed stays")
	w.b.shot(t)
	w.b.do(t, "a cost in yuan", chromedp.SetValue(chromedp.CSS("#reward-cost"), "20"), chromedp.Click(chromedp.CSS("#create-reward")),
		chromedp.WaitVisible(chromedp.CSS("#import-codes")))
	assert.Contains(t, w.b.text(t, "#flash"), "已新建奖品 满100减20券")
	w.b.do(t, "import three lines", chromedp.SendKeys(chromedp.CSS("#codes"), "Q1\nQ2\nQ1"), chromedp.Click(chromedp.CSS("#import-codes-button")),
		chromedp.WaitVisible(chromedp.CSS("#import-result")))
	assert.Equal(t, "2", w.b.text(t, "#import-added"))
	assert.Contains(t, w.b.text(t, "#import-skipped"), "与第 1 行重复")
	assert.Equal(t, "2 / 2", w.b.text(t, "#reward-summary .reward-stock"))
	w.b.shot(t)

	w.open(t, "/console/rewards", "#new-reward")
	w.pick(t, "#reward-kind", "到店礼品")
	w.b.do(t, "a gift", chromedp.SendKeys(chromedp.CSS("#reward-name"), "帆布袋"), chromedp.SendKeys(chromedp.CSS("#reward-cost"), "9.9"),
		chromedp.SendKeys(chromedp.CSS("#reward-stock"), "10"), chromedp.Click(chromedp.CSS("#create-reward")),
		chromedp.WaitVisible(chromedp.CSS("#edit-reward")))
	w.open(t, strings.TrimPrefix(w.url(t), w.p.base), "#edit-reward") // without the creation's message
	w.b.do(t, "add stock", chromedp.SendKeys(chromedp.CSS("#add-stock"), "5"), chromedp.Click(chromedp.CSS("#save-reward")),
		chromedp.WaitVisible(chromedp.CSS("#flash")))
	assert.Equal(t, "已保存奖品", w.b.text(t, "#flash"))
	assert.Equal(t, "15 / 15", w.b.text(t, "#reward-summary .reward-stock"))
	assert.Equal(t, "¥9.90", w.b.text(t, "#reward-summary .reward-cost"))
	assert.Contains(t, w.b.text(t, "#grants"), "还没有发放记录")
	w.open(t, "/console/rewards", "#rewards")
	assert.Contains(t, w.b.text(t, "#rewards"), "满100减20券")
	assert.Contains(t, w.b.text(t, "#rewards"), "¥20.00")
	w.b.shot(t)
}
