package referral_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/referral"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

func helpsOf(t *testing.T, w *world, c *app.ReferralCampaign) map[string]string {
	hs, _, err := w.s.Referrals.ListHelps(w.ctx, app.ReferralHelpFilter{CorpID: c.CorpID, CampaignID: c.ID, Page: app.Page{Limit: 10}})
	require.NoError(t, err)
	got := map[string]string{}
	for _, h := range hs {
		got[h.InviteeUnionID] = h.Status + ":" + h.Reason
	}
	return got
}

// An existing friend who first came through the same channel before the
// campaign is not a new friend.
func TestExistingThroughTheSameChannel(t *testing.T) {
	eachStack(t, 0, func(t *testing.T, w *world) {
		sc := w.s.SC
		a, err := sc.CustomerAdds(sandbox.Add{UserID: "g1", ConfigID: w.channel.ConfigID, Customer: sandbox.Customer{Name: "老客", Type: 1, UnionID: "u-old"}})
		require.NoError(t, err)
		w.s.Settle(t, 30*time.Second)
		sc.Advance(48 * time.Hour)
		c := w.campaign(t, nil)
		inviter, _, err := w.s.Referrals.Join(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: "u-inviter"}, c.ID)
		require.NoError(t, err)
		_, _, err = w.s.Referrals.Scan(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: "u-old"}, inviter.Scene)
		require.NoError(t, err)
		_, err = sc.CustomerAdds(sandbox.Add{UserID: "g2", ConfigID: w.channel.ConfigID, Customer: sandbox.Customer{ExternalUserID: a.ExternalUserID}})
		require.NoError(t, err)
		w.s.Settle(t, 30*time.Second)
		sc.Advance(25 * time.Hour)
		require.NoError(t, w.s.Referrals.Tick(w.ctx, c.CorpID))
		t.Logf("helps: %v", helpsOf(t, w, c))
		require.Equal(t, "voided:existing", helpsOf(t, w, c)["u-old"])
	})
}

// A friend who arrived through the channel before scanning anyone's code
// was not brought by the participant whose code they scan afterwards.
func TestArrivalBeforeScan(t *testing.T) {
	eachStack(t, 0, func(t *testing.T, w *world) {
		sc := w.s.SC
		c := w.campaign(t, nil)
		inviter, _, err := w.s.Referrals.Join(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: "u-inviter"}, c.ID)
		require.NoError(t, err)
		_, err = sc.CustomerAdds(sandbox.Add{UserID: "g1", ConfigID: w.channel.ConfigID, Customer: sandbox.Customer{Name: "路人", Type: 1, UnionID: "u-walkin"}})
		require.NoError(t, err)
		w.s.Settle(t, 30*time.Second)
		sc.Advance(3 * time.Hour)
		_, _, err = w.s.Referrals.Scan(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: "u-walkin"}, inviter.Scene)
		require.NoError(t, err)
		sc.Advance(25 * time.Hour)
		require.NoError(t, w.s.Referrals.Tick(w.ctx, c.CorpID))
		t.Logf("helps: %v", helpsOf(t, w, c))
		require.NotEqual(t, "credited:", helpsOf(t, w, c)["u-walkin"])
	})
}

// A help arriving in the last minute of the window, with the tick once a
// minute, is credited.
func TestLastMinuteHelp(t *testing.T) {
	eachStack(t, 0, func(t *testing.T, w *world) {
		sc := w.s.SC
		c := w.campaign(t, func(c *app.ReferralCampaign) { c.EndsAt = sc.Now().Add(30 * time.Minute); c.HoldHours = 1 })
		inviter, _, err := w.s.Referrals.Join(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: "u-inviter"}, c.ID)
		require.NoError(t, err)
		sc.Advance(29*time.Minute + 30*time.Second)
		_, _, err = w.s.Referrals.Scan(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: "u-late"}, inviter.Scene)
		require.NoError(t, err)
		_, err = sc.CustomerAdds(sandbox.Add{UserID: "g1", ConfigID: w.channel.ConfigID, Customer: sandbox.Customer{Name: "晚到", Type: 1, UnionID: "u-late"}})
		require.NoError(t, err)
		w.s.Settle(t, 30*time.Second)
		sc.Advance(time.Hour - 20*time.Second) // a tick just before the hold ends
		require.NoError(t, w.s.Referrals.Tick(w.ctx, c.CorpID))
		sc.Advance(time.Minute) // the next tick, a minute later
		require.NoError(t, w.s.Referrals.Tick(w.ctx, c.CorpID))
		sc.Advance(time.Hour)
		require.NoError(t, w.s.Referrals.Tick(w.ctx, c.CorpID))
		t.Logf("helps: %v", helpsOf(t, w, c))
		require.Equal(t, "credited:", helpsOf(t, w, c)["u-late"])
	})
}
