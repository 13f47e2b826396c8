package referral_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/referral"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// A 任务宝 inviting by 获客链接: one link for the campaign, each
// participant's own customer_channel; an add through it is the inviter's
// help without any scan, a click on one's own link is a self-invite, and
// a channel naming no participant is nobody's help.
func TestLinkCampaign(t *testing.T) {
	eachStack(t, 0, func(t *testing.T, w *world) {
		c := w.campaign(t, func(c *app.ReferralCampaign) { c.Link = true })
		require.NotEmpty(t, c.LinkID)
		assert.Regexp(t, `^rl\d+$`, c.State)
		inviter, _, err := w.s.Referrals.Join(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: "u-inviter", Name: "小王"}, c.ID)
		require.NoError(t, err)
		link := referral.InviteLink(c, inviter)
		require.Contains(t, link, "customer_channel=")

		sc := w.s.SC
		for _, u := range []string{"u-friend", "u-inviter"} {
			_, err := sc.AddByLink(link, "", sandbox.Customer{Name: "客" + u, Type: 1, UnionID: u})
			require.NoError(t, err)
			sc.Advance(time.Minute)
		}
		forged := c.LinkURL + "?customer_channel=" + c.State + ".abcdefghjk"
		_, err = sc.AddByLink(forged, "", sandbox.Customer{Name: "路人", Type: 1, UnionID: "u-stranger"})
		require.NoError(t, err)
		w.s.Settle(t, 30*time.Second)
		sc.Advance(25 * time.Hour)
		require.NoError(t, w.s.Referrals.Tick(w.ctx, c.CorpID))

		hs, _, err := w.s.Referrals.ListHelps(w.ctx, app.ReferralHelpFilter{CorpID: c.CorpID, CampaignID: c.ID, Page: app.Page{Limit: 10}})
		require.NoError(t, err)
		got := map[string]string{}
		for _, h := range hs {
			got[h.InviteeUnionID] = h.Status + ":" + h.Reason
		}
		assert.Equal(t, map[string]string{"u-friend": "credited:", "u-inviter": "voided:self"}, got)

		_, err = w.s.Referrals.SetStatus(w.ctx, c.CorpID, c.ID, app.ReferralEnded)
		require.NoError(t, err)
		_, err = sc.AddByLink(link, "", sandbox.Customer{Name: "迟到", Type: 1, UnionID: "u-late"})
		assert.ErrorIs(t, err, sandbox.ErrNotFound, "an ended campaign's link is deleted")
	})
}
