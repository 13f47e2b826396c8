package referral_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary; each test has a corp
// of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 41}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

// world is a running Siyu with store S1, guides g1 and g2, and a campaign
// channel routing to both; the referral service tells time by the
// sandbox's clock, which the test moves.
type world struct {
	s       *stack.Stack
	ctx     context.Context
	channel *app.Channel
}

func newWorld(t testing.TB, driver, redis string, dup float64) *world {
	s := stack.Start(t, sb, stack.Options{Driver: driver, RedisMode: redis,
		Delivery: &sandbox.DeliveryOptions{Workers: 8, RetryDelay: 20 * time.Millisecond, DuplicateProbability: dup}})
	w := &world{s: s, ctx: app.WithActor(context.Background(), "user:1")}
	st := &app.Store{CorpID: s.Corp.ID, Code: "S1", Name: "徐汇店", Kind: app.StoreKindStore, Status: app.StoreOpen}
	require.NoError(t, s.Org.CreateStore(w.ctx, st))
	for _, u := range []string{"g1", "g2"} {
		require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: u, Name: "导购" + u, ContactEnabled: true}))
		require.NoError(t, s.Org.CreateGuide(w.ctx, &app.Guide{CorpID: s.Corp.ID, UserID: u, Name: "导购" + u, StoreCode: "S1",
			Role: app.GuideRoleGuide, Status: app.GuideActive}))
	}
	w.channel = &app.Channel{CorpID: s.Corp.ID, Name: "老带新活码", Kind: app.ChannelCampaign, StoreID: &st.ID, SkipVerify: true,
		Members: []app.ChannelMember{{UserID: "g1"}, {UserID: "g2"}}}
	require.NoError(t, s.Channels.CreateChannel(w.ctx, w.channel))
	s.Referrals.Clock = s.SC.Now
	return w
}

func eachStack(t *testing.T, dup float64, fn func(t *testing.T, w *world)) {
	for _, c := range []struct{ driver, redis string }{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(c.driver, func(t *testing.T) { fn(t, newWorld(t, c.driver, c.redis, dup)) })
	}
}

// campaign creates a friend campaign on the world's channel, open from an
// hour ago for thirty days.
func (w *world) campaign(t testing.TB, edit func(c *app.ReferralCampaign)) *app.ReferralCampaign {
	now := w.s.SC.Now()
	c := &app.ReferralCampaign{CorpID: w.s.Corp.ID, Name: "老带新送咖啡", Kind: app.ReferralFriend, Title: "邀好友得好礼",
		StartsAt: now.Add(-time.Hour), EndsAt: now.Add(30 * 24 * time.Hour), ChannelID: &w.channel.ID, HoldHours: 24,
		Tiers: []app.ReferralTier{{Helps: 3, RewardID: 1, Name: "邀请3人得咖啡券"}, {Helps: 6, RewardID: 2, Name: "邀请6人得保温杯"}}}
	if edit != nil {
		edit(c)
	}
	require.NoError(t, w.s.Referrals.CreateCampaign(w.ctx, c))
	return c
}
