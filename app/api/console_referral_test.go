package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/templates"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// referralConsole is a running Siyu (callbacks delivered by the sandbox)
// with store 徐汇店, guides 导购g1 and 导购g2, a channel routing to both,
// a reward and a signed-in operator.
type referralConsole struct {
	*stack.Stack
	ctx     context.Context
	channel *app.Channel
	reward  *app.Reward
	olga    *systemUser
	ann     *systemUser // an analyst
	m1      *systemUser // a store manager
}

// eachReferralConsole runs fn on SQLite with embedded Redis and on
// MariaDB with the Redis server.
func eachReferralConsole(t *testing.T, fn func(t *testing.T, rc *referralConsole)) {
	for _, c := range []struct{ driver, redis string }{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(c.driver, func(t *testing.T) { fn(t, newReferralConsole(t, c.driver, c.redis)) })
	}
}

func newReferralConsole(t *testing.T, driver, redis string) *referralConsole {
	s := stack.Start(t, sb, stack.Options{Driver: driver, RedisMode: redis})
	s.SC.Clock().Set(time.Now())
	s.Referrals.Clock = s.SC.Now
	rc := &referralConsole{Stack: s, ctx: app.WithActor(context.Background(), "cli:test")}
	st := &app.Store{CorpID: s.Corp.ID, Code: "S1", Name: "徐汇店", Kind: app.StoreKindStore, Status: app.StoreOpen}
	require.NoError(t, s.Org.CreateStore(rc.ctx, st))
	for _, u := range []string{"g1", "g2"} {
		require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: u, Name: "导购" + u, ContactEnabled: true}))
		require.NoError(t, s.Org.CreateGuide(rc.ctx, &app.Guide{CorpID: s.Corp.ID, UserID: u, Name: "导购" + u, StoreCode: "S1",
			Role: app.GuideRoleGuide, Status: app.GuideActive}))
	}
	rc.channel = &app.Channel{CorpID: s.Corp.ID, Name: "老带新活码", Kind: app.ChannelCampaign, StoreID: &st.ID, SkipVerify: true,
		Members: []app.ChannelMember{{UserID: "g1"}, {UserID: "g2"}}}
	require.NoError(t, s.Channels.CreateChannel(rc.ctx, rc.channel))
	rc.reward = &app.Reward{CorpID: s.Corp.ID, Name: "咖啡券", Kind: app.RewardGift, CostCents: 1500, StockTotal: 10}
	require.NoError(t, s.Rewards.CreateReward(rc.ctx, rc.reward))
	pages, err := templates.Parse()
	require.NoError(t, err)
	h := api.New(s.API(api.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Pages: pages}))
	sys := &systemConsole{Stack: s}
	rc.olga, rc.ann, rc.m1 = sys.signIn(t, h, "olga", app.RoleOperator), sys.signIn(t, h, "ann", app.RoleAnalyst), sys.signIn(t, h, "g1", app.RoleStoreManager)
	return rc
}

// form is a good 任务宝 form on the console's channel and reward, open
// from an hour ago for a week, credited at once, at most one help per
// hour an inviter before review.
func (rc *referralConsole) form() url.Values {
	zone := app.ZoneNamed("Asia/Shanghai")
	now := time.Now().In(zone)
	return url.Values{"name": {"老带新送咖啡"}, "kind": {"friend"}, "title": {"邀好友得好礼"},
		"starts_at": {now.Add(-time.Hour).Format("2006-01-02T15:04")}, "ends_at": {now.AddDate(0, 0, 7).Format("2006-01-02T15:04")},
		"channel_id": {itoa(rc.channel.ID)}, "hold_hours": {"0"}, "velocity_max": {"1"}, "velocity_minutes": {"60"},
		"tier_helps": {"1", "", "", "", ""}, "tier_reward": {itoa(rc.reward.ID), "", "", "", ""}, "tier_name": {"邀请1人得咖啡券", "", "", "", ""}}
}

// create posts the form and returns the new campaign's id.
func (rc *referralConsole) create(t *testing.T, f url.Values) int64 {
	w := rc.olga.do(t, "POST", "/console/referrals/new", f)
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	m := regexp.MustCompile(`^/console/referrals/(\d+)$`).FindStringSubmatch(w.Header().Get("Location"))
	require.Len(t, m, 2, w.Header().Get("Location"))
	return atoi64(t, m[1])
}

// 裂变 in the console: the empty list, the form's choices by name, every
// refusal at once with what was typed kept, a saved 任务宝 listed with its
// kind, window and state, and an edit that keeps its contact way.
func TestConsoleReferralForm(t *testing.T) {
	eachReferralConsole(t, func(t *testing.T, rc *referralConsole) {
		assert.Contains(t, rc.olga.do(t, "GET", "/console/referrals", nil).Body.String(), "还没有裂变活动")
		form := rc.olga.do(t, "GET", "/console/referrals/new", nil).Body.String()
		assert.Contains(t, form, ">老带新活码</option>", "channels by name")
		assert.Contains(t, form, "咖啡券（到店礼品，剩余 10）", "rewards by name with stock")

		bad := url.Values{"name": {""}, "kind": {"friend"}, "title": {"邀好友得好礼"}, "starts_at": {"2026-12-10T10:00"}, "ends_at": {"2026-12-01T10:00"},
			"hold_hours": {"abc"}, "velocity_max": {"5"}, "velocity_minutes": {""},
			"tier_helps": {"x", "", "", "", ""}, "tier_reward": {"", "", "", "", ""}, "tier_name": {"", "", "", "", ""}}
		w := rc.olga.do(t, "POST", "/console/referrals/new", bad)
		require.Equal(t, http.StatusBadRequest, w.Code)
		for _, why := range []string{"活动名称不能为空", "任务宝需选择一个渠道活码", "活动结束时间应晚于开始时间", "考察期应为 0 到 720 之间的整数小时",
			"限速应为", "第 1 档的邀请人数应为正整数", "第 1 档需选择奖品", "第 1 档需填写不超过 32 个字的说明"} {
			assert.Contains(t, w.Body.String(), why)
		}
		assert.Contains(t, w.Body.String(), `value="邀好友得好礼"`, "what was typed stays")
		assert.Contains(t, w.Body.String(), `value="abc"`, "what could not be read stays")

		id := rc.create(t, rc.form())
		got, err := rc.Referrals.FindCampaign(rc.ctx, rc.Corp.ID, id)
		require.NoError(t, err)
		assert.Equal(t, app.ReferralFriend, got.Kind)
		assert.Equal(t, rc.channel.ID, *got.ChannelID)
		assert.Equal(t, app.ReferralRules{}, got.Rules, "both counting switches off by default")
		assert.Equal(t, time.UTC, got.StartsAt.Location())
		list := rc.olga.do(t, "GET", "/console/referrals", nil).Body.String()
		assert.Contains(t, list, "老带新送咖啡")
		assert.Contains(t, list, "任务宝")
		assert.Contains(t, list, "进行中")
		assert.Contains(t, list, got.StartsAt.In(app.ZoneNamed("Asia/Shanghai")).Format("2006-01-02 15:04"), "the window in the corp's zone")

		edit := rc.olga.do(t, "GET", "/console/referrals/"+itoa(id)+"/edit", nil).Body.String()
		assert.Contains(t, edit, "老带新活码", "the contact way by name")
		f := rc.form()
		f.Set("name", "老带新送咖啡（加码）")
		f.Set("channel_id", "")
		f.Set("hold_hours", "9999")
		w = rc.olga.do(t, "POST", "/console/referrals/"+itoa(id)+"/edit", f)
		require.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "考察期应在 0 到 720 小时之间")
		assert.Contains(t, w.Body.String(), "老带新活码", "a refused edit still names the contact way")
		f.Set("hold_hours", "48")
		w = rc.olga.do(t, "POST", "/console/referrals/"+itoa(id)+"/edit", f)
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		got, err = rc.Referrals.FindCampaign(rc.ctx, rc.Corp.ID, id)
		require.NoError(t, err)
		assert.Equal(t, "老带新送咖啡（加码）", got.Name)
		assert.Equal(t, rc.channel.ID, *got.ChannelID, "an edit keeps the contact way")
		assert.NotContains(t, rc.ann.do(t, "GET", "/console/referrals", nil).Body.String(), "新建裂变活动", "analysts read only")
		assert.Equal(t, http.StatusOK, rc.ann.do(t, "GET", "/console/referrals/"+itoa(id), nil).Code)
		assert.Equal(t, http.StatusForbidden, rc.ann.do(t, "GET", "/console/referrals/new", nil).Code)
		assert.Equal(t, http.StatusForbidden, rc.ann.do(t, "POST", "/console/referrals/"+itoa(id)+"/status", url.Values{"status": {"ended"}}).Code)
		assert.Equal(t, http.StatusForbidden, rc.m1.do(t, "GET", "/console/referrals/"+itoa(id), nil).Code,
			"helps name customers of every store: not a store manager's page")
		assert.NotContains(t, rc.m1.do(t, "GET", "/console/", nil).Body.String(), "裂变活动")
		log := rc.olga.do(t, "GET", "/console/audit", nil).Body.String()
		assert.Contains(t, log, "新建裂变活动")
		assert.Contains(t, log, "修改裂变活动")
	})
}

func atoi64(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	require.NoError(t, err)
	return n
}

// A 群裂变 from the console: its groups chosen by name, more than five
// refused, and the campaign saved with its join way in WeCom and its
// groups and auto-created group named on its page.
func TestConsoleReferralGroupForm(t *testing.T) {
	eachReferralConsole(t, func(t *testing.T, rc *referralConsole) {
		var chats []string
		for i := range 6 {
			chat, err := rc.SC.CreateGroup(sandbox.NewGroup{Owner: "g1", Name: fmt.Sprintf("徐汇福利%d群", i+1)})
			require.NoError(t, err)
			chats = append(chats, chat)
		}
		rc.SC.Advance(time.Minute)
		rc.Settle(t, 30*time.Second)
		form := rc.olga.do(t, "GET", "/console/referrals/new", nil).Body.String()
		assert.Contains(t, form, `value="`+chats[0]+`"> 徐汇福利1群`, "groups by name")

		f := rc.form()
		f.Set("kind", "group")
		f["chat_ids"] = chats
		w := rc.olga.do(t, "POST", "/console/referrals/new", f)
		require.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "群裂变需选择 1 到 5 个客户群")
		assert.Contains(t, w.Body.String(), `value="`+chats[5]+`" checked`, "the groups ticked stay ticked")

		f["chat_ids"] = chats[:2]
		f.Set("group_base", "福利群")
		f.Set("group_number", "3")
		id := rc.create(t, f)
		got, err := rc.Referrals.FindCampaign(rc.ctx, rc.Corp.ID, id)
		require.NoError(t, err)
		assert.Equal(t, app.ReferralActive, got.Status)
		jw, ok := rc.SC.JoinWay(got.JoinConfigID)
		require.True(t, ok, "the join way exists in WeCom")
		assert.Equal(t, got.State, jw.State)
		page := rc.olga.do(t, "GET", "/console/referrals/"+itoa(id), nil).Body.String()
		assert.Contains(t, page, "客户群「徐汇福利1群」「徐汇福利2群」；群满后自动建群「福利群3」起")
		assert.Contains(t, page, "活动的加群二维码立即失效", "ending warns the join code stops working")
	})
}
