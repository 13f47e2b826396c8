package main

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// TestConsoleReferralsInBrowser runs the real serve with the demo corp and
// drives 裂变活动 in headless Chromium: after the operator has made a
// channel code and a gift reward, the empty campaign list; a 任务宝 form
// refused with every reason beside its field and what was typed kept;
// the campaign saved on the channel (by name) with a tier giving the gift
// (by name and stock); its page with the poster preview drawn; the list
// naming it; the blacklist taking a unionid. Any JavaScript error fails
// the test; each page is saved as a screenshot.
func TestConsoleReferralsInBrowser(t *testing.T) {
	t.Parallel()
	steps := []consoleStep{{"NewcomerSignsIn", consoleNewcomer}, {"AdminAddsUsers", consoleAddUsers},
		{"OperatorImportsStores", consoleImport}, {"OperatorCreatesChannel", consoleChannel}, {"OperatorAddsGift", consoleReferralGift},
		{"OperatorFillsReferralForm", consoleReferralForm}, {"OperatorOpensReferral", consoleReferralDetail},
		{"OperatorListsReferrals", consoleReferralList}}
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

// consoleReferralGift: the operator (signed in since the import) keeps a
// gift of 15 canvas bags on 奖品, for the campaign's tier.
func consoleReferralGift(t *testing.T, w *consoleWorld) {
	w.open(t, "/console/rewards", "#new-reward")
	w.pick(t, "#reward-kind", "到店礼品")
	w.b.do(t, "a gift", chromedp.SendKeys(chromedp.CSS("#reward-name"), "帆布袋"), chromedp.SendKeys(chromedp.CSS("#reward-cost"), "9.9"),
		chromedp.SendKeys(chromedp.CSS("#reward-stock"), "15"), chromedp.Click(chromedp.CSS("#create-reward")),
		chromedp.WaitVisible(chromedp.CSS("#edit-reward")))
}

// consoleReferralForm: the empty list, the kind switch showing each
// kind's fields, and a form refused with every reason at once.
func consoleReferralForm(t *testing.T, w *consoleWorld) {
	assert.Contains(t, w.b.text(t, "#menu"), "裂变活动")
	w.open(t, "/console/referrals", "#referrals")
	assert.Contains(t, w.b.text(t, "#empty"), "还没有裂变活动")
	w.b.do(t, "open the form", chromedp.Click(chromedp.CSS("#new-referral")), chromedp.WaitVisible(chromedp.CSS("#referral-form")),
		chromedp.Click(chromedp.CSS("#kind-group")), chromedp.WaitVisible(chromedp.CSS("#group-choices")),
		chromedp.WaitNotVisible(chromedp.CSS("#channel_id")), chromedp.Click(chromedp.CSS("#kind-friend")),
		chromedp.WaitVisible(chromedp.CSS("#channel_id")), chromedp.WaitNotVisible(chromedp.CSS("#group-choices")))
	w.b.do(t, "save with a title only", chromedp.SendKeys(chromedp.CSS("#poster_title"), "邀好友得帆布袋"),
		chromedp.Click(chromedp.CSS("#referral-submit")), chromedp.WaitVisible(chromedp.CSS("#form-errors")))
	errs := w.b.text(t, "#form-errors")
	for _, why := range []string{"活动名称不能为空", "任务宝需选择一个渠道活码", "奖励阶梯应有 1 到 5 档"} {
		assert.Contains(t, errs, why)
	}
	assert.Len(t, w.texts(t, ".field.invalid"), 2, "the name and the channel marked")
	assert.Len(t, w.texts(t, "#referral-form .err"), 3, "each reason beside its field (the tiers' above the tiers)")
	assert.Equal(t, "邀好友得帆布袋", w.attrOf(t, "#poster_title", "value"), "what was typed stays")
	w.b.shot(t)
}

// consoleReferralDetail: the 任务宝 saved on the operator's channel with
// the gift as its tier, and its page with the poster preview drawn.
func consoleReferralDetail(t *testing.T, w *consoleWorld) {
	w.pick(t, "#channel_id", "控制台测试活码")
	w.pick(t, "#referral-tiers tr:nth-child(1) select[name=tier_reward]", "帆布袋（到店礼品，剩余 15）")
	w.b.do(t, "fill and save", chromedp.SendKeys(chromedp.CSS("#name"), "老带新送帆布袋"),
		chromedp.SendKeys(chromedp.CSS("#referral-tiers tr:nth-child(1) input[name=tier_helps]"), "3"),
		chromedp.SendKeys(chromedp.CSS("#referral-tiers tr:nth-child(1) input[name=tier_name]"), "邀请3人得帆布袋"),
		chromedp.Click(chromedp.CSS("#referral-submit")), chromedp.WaitVisible(chromedp.CSS("#referral-name")))
	assert.Contains(t, w.b.text(t, "#flash"), "已保存裂变活动「老带新送帆布袋」")
	assert.Equal(t, "渠道活码「控制台测试活码」", w.b.text(t, "#referral-where"))
	assert.Equal(t, []string{"3", "邀请3人得帆布袋", "帆布袋（到店礼品）", "15"}, w.texts(t, "#referral-tiers tbody td"))
	assert.Equal(t, "0", w.b.text(t, "#kpi-participants"))
	width := get(t, w.b, "wait for the poster", chromedp.Evaluate[int](`new Promise(r => { const i = document.querySelector('#poster');
		if (i.complete) r(i.naturalWidth); else { i.onload = () => r(i.naturalWidth); i.onerror = () => r(0); } })`, chromedp.EvalAwaitPromise))
	assert.Equal(t, 750, width, "the poster preview is drawn")
	w.b.shot(t)
}

// consoleReferralList: the list names the campaign and its kind; the
// blacklist takes a unionid and asks before removing it.
func consoleReferralList(t *testing.T, w *consoleWorld) {
	w.open(t, "/console/referrals", "#referrals")
	require.Equal(t, []string{"老带新送帆布袋"}, w.texts(t, "#referrals .referral-link"))
	assert.Equal(t, "任务宝", w.b.text(t, "#referrals .referral-kind"))
	assert.Equal(t, "未开始", w.b.text(t, "#referrals .referral-status"), "the form's default window starts at the next hour")
	w.b.do(t, "the blacklist", chromedp.Click(chromedp.CSS("#blacklist-link")), chromedp.WaitVisible(chromedp.CSS("#blacklist-form")),
		chromedp.SendKeys(chromedp.CSS("#unionids"), "oUnionCheat0001\noUnionCheat0002"), chromedp.SendKeys(chromedp.CSS("#reason"), "刷单"),
		chromedp.Click(chromedp.CSS("#blacklist-submit")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	assert.Contains(t, w.b.text(t, "#flash"), "已将 2 个 unionid 加入黑名单")
	assert.Contains(t, w.b.text(t, "#blacklist"), "oUnionCheat0002")
	assert.Contains(t, w.attrOf(t, "#blacklist form", "data-confirm"), "确定移出？")
	w.b.shot(t)
}
