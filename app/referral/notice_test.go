package referral_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/referral"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// A participant who consented at join is told of a reward by one
// subscribe message; one who did not (or whose consent WeChat no longer
// honours) is told by their own guide, through a task, and sees it on
// the progress page either way.
func TestRewardNotices(t *testing.T) {
	eachStack(t, 0, func(t *testing.T, w *world) {
		s, sc := w.s, w.s.SC
		cfg := sc.Config()
		require.NoError(t, s.MiniApps.RegisterApp(w.ctx, &app.MiniApp{CorpID: s.Corp.ID, AppID: cfg.MiniAppID, Name: "小程序",
			AppSecret: cfg.MiniAppSecret, RewardTemplate: "tpl-reward", JoinTemplate: "tpl-join", CampaignPage: "pages/campaign/index"}, ""))
		_, err := sc.CustomerAdds(sandbox.Add{UserID: "g1", Customer: sandbox.Customer{Name: "老顾客", Type: 1, UnionID: "u-quiet"}})
		require.NoError(t, err)
		s.Settle(t, 30*time.Second) // u-quiet is g1's customer: g1 owns them

		points := &app.Reward{CorpID: s.Corp.ID, Name: "100积分", Kind: app.RewardPoints, Points: 100, StockTotal: 10}
		require.NoError(t, s.Rewards.CreateReward(w.ctx, points))
		c := w.campaign(t, func(c *app.ReferralCampaign) {
			c.HoldHours, c.Tiers = 0, []app.ReferralTier{{Helps: 1, RewardID: points.ID, Name: "100积分"}}
		})
		for i, u := range []string{"u-told", "u-quiet"} {
			l, err := s.MiniApps.Login(w.ctx, cfg.MiniAppID, sc.MintLoginCode("", u))
			require.NoError(t, err)
			if u == "u-told" {
				_, err = s.MiniApps.RecordConsents(w.ctx, &l.Session, []string{"tpl-reward"}, "join")
				require.NoError(t, err)
				sc.Subscribe(l.Session.OpenID, "tpl-reward")
			}
			who := referral.Consumer{CorpID: c.CorpID, UnionID: u, OpenID: l.Session.OpenID, MemberID: &l.Session.MemberID}
			p, _, err := s.Referrals.Join(w.ctx, who, c.ID)
			require.NoError(t, err)
			friend := fmt.Sprintf("u-friend-%d", i)
			_, _, err = s.Referrals.Scan(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: friend}, p.Scene)
			require.NoError(t, err)
			_, err = sc.CustomerAdds(sandbox.Add{UserID: "g2", ConfigID: w.channel.ConfigID, Customer: sandbox.Customer{Name: "好友", Type: 1, UnionID: friend}})
			require.NoError(t, err)
			sc.Advance(time.Minute)
		}
		s.Settle(t, 30*time.Second)
		require.NoError(t, s.Referrals.Tick(w.ctx, c.CorpID)) // nothing more to send

		msgs := sc.SubscribeMessages()
		require.Len(t, msgs, 1, "one message, to the one who consented")
		assert.Equal(t, "tpl-reward", msgs[0].TemplateID)
		assert.Equal(t, "100积分", msgs[0].Data["thing1"])
		tasks, _, err := s.Todo.ListTasks(w.ctx, c.CorpID, app.Principal{CorpID: c.CorpID, Role: app.RoleAdmin}, app.TaskFilter{Page: app.Page{Limit: 50}, UserID: "g1"})
		require.NoError(t, err)
		var told []string
		for _, task := range tasks {
			if task.Kind == app.TaskFollowUp {
				told = append(told, task.Title)
			}
		}
		assert.Equal(t, []string{"告知客户：已在「老带新送咖啡」获得100积分"}, told, "the quiet one's guide tells them")
		for _, u := range []string{"u-told", "u-quiet"} {
			pr, err := s.Referrals.ProgressOf(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: u}, c.ID)
			require.NoError(t, err)
			assert.Equal(t, app.TierGranted, pr.Tiers[0].Status, u)
		}
	})
}
