package main

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// TestConsoleJourneysInBrowser runs the real serve with the demo corp and
// drives 客户旅程 in headless Chromium: the empty list, an empty editor
// refused with every reason in Chinese, a journey saved and listed, paused
// after a confirmation, opened again with its step's id, and the holiday
// calendar read (春节 2027 on 6 February) and added to. Any JavaScript
// error fails the test; each page is saved as a screenshot.
func TestConsoleJourneysInBrowser(t *testing.T) {
	t.Parallel()
	steps := []consoleStep{{"NewcomerSignsIn", consoleNewcomer}, {"AdminAddsUsers", consoleAddUsers},
		{"OperatorBuildsJourney", consoleJourney}, {"OperatorEditsCalendar", consoleHolidays}}
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

const firstStep = "#journey-steps tr.journey-step:first-child "

func consoleJourney(t *testing.T, w *consoleWorld) {
	w.signIn(t, "operator1", w.password["operator1-once"])
	w.open(t, "/console/journeys", "#journeys-empty")
	w.b.shot(t)
	w.b.do(t, "open the editor", chromedp.Click(chromedp.CSS("#journey-new")), chromedp.WaitVisible(chromedp.CSS("#journey-form")))
	w.b.do(t, "save an empty journey", chromedp.SendKeys(chromedp.CSS(firstStep+"input[name=tag_id]"), "x"),
		chromedp.Click(chromedp.CSS("#journey-submit")), chromedp.WaitVisible(chromedp.CSS("#form-errors")))
	errs := w.b.text(t, "#form-errors")
	assert.Contains(t, errs, "旅程名称不能为空")
	assert.Contains(t, errs, "发送内容不能为空", "every reason at once")
	assert.Contains(t, w.b.text(t, firstStep), "发送内容不能为空", "beside its step")
	w.b.shot(t)
	get(t, w.b, "clear the tag", chromedp.Evaluate[bool](`(document.querySelector("`+firstStep+`input[name=tag_id]").value = "", true)`))
	w.b.do(t, "fill it in", chromedp.SendKeys(chromedp.CSS("#name"), "新客回访"),
		chromedp.SendKeys(chromedp.CSS(firstStep+"input[name=days]"), "1"), chromedp.SendKeys(chromedp.CSS(firstStep+"textarea"), "欢迎光临，有需要随时找我"),
		chromedp.Click(chromedp.CSS("#journey-submit")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	assert.Contains(t, w.b.text(t, "#flash"), "已保存旅程「新客回访」")
	assert.Contains(t, w.b.text(t, "#journeys"), "添加好友后第 N 天")
	w.confirmAll(t)
	w.b.do(t, "pause it", chromedp.Click(chromedp.CSS("button.journey-pause")), chromedp.WaitVisible(chromedp.CSS("button.journey-resume")))
	assert.Equal(t, "已暂停", w.b.text(t, ".journey-status"))
	w.b.shot(t)
	w.b.do(t, "open it again", chromedp.Click(chromedp.CSS("a.journey-name")), chromedp.WaitVisible(chromedp.CSS("#journey-form")))
	assert.Contains(t, w.b.text(t, firstStep), "1", "the step keeps its id")
	assert.Equal(t, "1", w.attrOf(t, firstStep+"input[name=step_id]", "value"))
	w.b.shot(t)
}

func consoleHolidays(t *testing.T, w *consoleWorld) {
	w.open(t, "/console/journey-holidays?year=2027", "#holidays")
	assert.Equal(t, "2027-02-06", w.b.text(t, "#holidays tr[data-holiday='spring_festival-2027'] .holiday-date"))
	w.b.do(t, "add 店庆", chromedp.SendKeys(chromedp.CSS("#code"), "store_day"), chromedp.SendKeys(chromedp.CSS("#hname"), "店庆"),
		chromedp.SetValue(chromedp.CSS("#date"), "2027-05-20"), chromedp.Click(chromedp.CSS("#holiday-submit")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	w.open(t, "/console/journey-holidays?year=2027", "#holidays")
	assert.Equal(t, "2027-05-20", w.b.text(t, "#holidays tr[data-holiday='store_day-2027'] .holiday-date"))
	w.b.shot(t)
}
