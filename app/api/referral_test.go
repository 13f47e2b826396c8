package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The operators' JSON API of referral campaigns: a create refused with
// every field at once, then made on a channel; listed and read with its
// figures; paused; its helps paged; a decision on a help not in review
// refused; every role reads, only operators write, and another corp's
// token sees nothing.
func TestReferralAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga, sam, bob := c.login(t, "wwa", "olga"), c.login(t, "wwa", "sam"), c.login(t, "wwb", "bob")
		store := itoa(c.seedStore(t))
		w := send(c.h, "POST", "/api/v1/corps/wwa/channels", `{"name":"老带新","kind":"campaign","store_id":`+store+`,"members":[{"userid":"g1"}]}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		ch := decode[channelOut](t, w)
		r := &app.Reward{CorpID: c.corpA, Name: "积分", Kind: app.RewardPoints, Points: 100, StockTotal: 10}
		require.NoError(t, c.g.Rewards.CreateReward(app.WithActor(context.Background(), "user:1"), r))

		w = send(c.h, "POST", "/api/v1/corps/wwa/referrals", `{"kind":"friend","tiers":[{"helps":0}]}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code)
		for _, field := range []string{"name", "ends_at", "channel_id", "tiers[0].helps", "tiers[0].reward_id"} {
			assert.Contains(t, w.Body.String(), `"`+field+`"`, "refused at once: %s", field)
		}
		now := time.Now().UTC()
		body := `{"name":"老带新送积分","kind":"friend","starts_at":"` + now.Add(-time.Hour).Format(time.RFC3339) + `","ends_at":"` +
			now.Add(7*24*time.Hour).Format(time.RFC3339) + `","channel_id":` + itoa(ch.ID) + `,"hold_hours":24,"tiers":[{"helps":3,"reward_id":` +
			itoa(r.ID) + `,"name":"邀请3人得积分"}]}`
		assert.Equal(t, http.StatusForbidden, send(c.h, "POST", "/api/v1/corps/wwa/referrals", body, sam...).Code, "store managers read only")
		w = send(c.h, "POST", "/api/v1/corps/wwa/referrals", body, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		rc := decode[app.ReferralCampaign](t, w)
		assert.Equal(t, ch.State, rc.State)
		w = send(c.h, "POST", "/api/v1/corps/wwa/referrals", body, olga...)
		assert.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "该渠道活码已用于另一个裂变活动")

		w = send(c.h, "GET", "/api/v1/corps/wwa/referrals", "", sam...)
		list := decode[struct{ Items []app.ReferralCampaign }](t, w)
		require.Len(t, list.Items, 1)
		w = send(c.h, "GET", "/api/v1/corps/wwa/referrals/"+itoa(rc.ID), "", sam...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), `"k_factor":0`)
		assert.Equal(t, http.StatusNotFound, send(c.h, "GET", "/api/v1/corps/wwb/referrals/"+itoa(rc.ID), "", bob...).Code, "another corp's campaign")

		w = send(c.h, "POST", "/api/v1/corps/wwa/referrals/"+itoa(rc.ID)+"/status", `{"status":"paused"}`, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, app.ReferralPaused, decode[app.ReferralCampaign](t, w).Status)
		assert.Equal(t, http.StatusBadRequest, send(c.h, "POST", "/api/v1/corps/wwa/referrals/"+itoa(rc.ID)+"/status", `{"status":"gone"}`, olga...).Code)

		helps := decode[struct{ Items []app.ReferralHelp }](t, send(c.h, "GET", "/api/v1/corps/wwa/referrals/"+itoa(rc.ID)+"/helps?status=review", "", sam...))
		assert.Empty(t, helps.Items)
		w = send(c.h, "POST", "/api/v1/corps/wwa/referral-helps/999/decision", `{"decision":"approve"}`, olga...)
		assert.Equal(t, http.StatusNotFound, w.Code)
		assert.Equal(t, http.StatusBadRequest, send(c.h, "POST", "/api/v1/corps/wwa/referral-helps/1/decision", `{"decision":"maybe"}`, olga...).Code)
	})
}
