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

// A group campaign gets one join way with its state; a join through it
// after a scan is a help, credited from groupchat/get's member state; a
// member who leaves inside the hold voids it; one who was in the group
// before and comes back is no new member.
func TestGroupCampaign(t *testing.T) {
	eachStack(t, 0, func(t *testing.T, w *world) {
		sc := w.s.SC
		old := sc.Stranger(sandbox.Customer{Name: "老群友", Type: 1, UnionID: "u-old"})
		chat, err := sc.CreateGroup(sandbox.NewGroup{Owner: "g1", Name: "徐汇福利群", Members: []string{old}})
		require.NoError(t, err)
		sc.Advance(time.Minute)
		w.s.Settle(t, 30*time.Second)
		c := w.campaign(t, func(c *app.ReferralCampaign) {
			c.Kind, c.ChannelID, c.ChatIDs, c.GroupBase, c.GroupNumber = app.ReferralGroup, nil, []string{chat}, "福利群", 2
		})
		require.Equal(t, app.ReferralActive, c.Status)
		require.NotEmpty(t, c.JoinConfigID)
		assert.NotEmpty(t, c.QRCode, "the campaign page shows the join way's code")
		jw, ok := sc.JoinWay(c.JoinConfigID)
		require.True(t, ok)
		assert.Equal(t, c.State, jw.State)

		inviter, _, err := w.s.Referrals.Join(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: "u-inviter", Name: "小王"}, c.ID)
		require.NoError(t, err)
		join := func(unionid, ext string) string {
			_, _, err := w.s.Referrals.Scan(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: unionid}, inviter.Scene)
			require.NoError(t, err)
			if ext == "" {
				ext = sc.Stranger(sandbox.Customer{Name: "新人" + unionid, Type: 1, UnionID: unionid})
			}
			_, err = sc.JoinByJoinWay(c.JoinConfigID, ext)
			require.NoError(t, err)
			sc.Advance(time.Minute)
			return ext
		}
		join("u-new1", "")
		leaver := join("u-new2", "")
		require.NoError(t, sc.LeaveGroup(chat, sandbox.Leave{Members: []string{old}}))
		sc.Advance(time.Minute)
		join("u-old", old)            // back in the group they were in
		w.s.Settle(t, 30*time.Second) // the joins are read before the leaver goes, an hour later
		sc.Advance(time.Hour)
		require.NoError(t, sc.LeaveGroup(chat, sandbox.Leave{Members: []string{leaver}}))
		w.s.Settle(t, 30*time.Second)
		sc.Advance(25 * time.Hour)
		require.NoError(t, w.s.Referrals.Tick(w.ctx, c.CorpID))

		hs, _, err := w.s.Referrals.ListHelps(w.ctx, app.ReferralHelpFilter{CorpID: c.CorpID, CampaignID: c.ID, Page: app.Page{Limit: 10}})
		require.NoError(t, err)
		got := map[string]string{}
		for _, h := range hs {
			got[h.InviteeUnionID] = h.Status + ":" + h.Reason
		}
		assert.Equal(t, map[string]string{"u-new1": "credited:", "u-new2": "voided:left", "u-old": "voided:existing"}, got)
	})
}
