package wechat_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// The acceptance line: a consumer scans a store's 公众号 code in
// the shop (the follow delivered three times, each re-encrypted), later
// becomes a member at the till with the same unionid, and buys online ten
// days after the scan. The follow is one stored event and one touch of
// that store; the till's member is the follower's member; and the online
// order's credit goes to the store under the default rules, the scan in
// its explanation. Forty days after, outside the protection window, it
// does not.
func TestScanCreditsStoreForOnlineOrder(t *testing.T) {
	eachStack(t, func(t *testing.T, w *world) {
		code := w.storeCode(t)
		w.SC.DuplicateNext(1, 3)
		openID, event, err := w.SC.ConsumerScansOAQR(sandbox.OAScan{UnionID: "oUnionAlice", Ticket: code.Ticket})
		require.NoError(t, err)
		require.Equal(t, "subscribe", event)
		w.Settle(t, time.Minute)

		deliveries := w.SC.Deliveries()
		require.Len(t, deliveries, 3, "the same follow delivered three times")
		seen := map[string]bool{}
		for _, d := range deliveries {
			require.Len(t, d.Attempts, 1)
			assert.Equal(t, 200, d.Attempts[0].StatusCode)
			assert.Equal(t, "success", d.Attempts[0].Answer)
			seen[d.Attempts[0].Encrypt] = true
		}
		assert.Len(t, seen, 3, "each copy encrypted afresh")
		assert.Equal(t, 1, w.count(t, "SELECT COUNT(*) FROM wecom_events WHERE corp_id = ? AND kind = 'wechat:subscribe'", w.Corp.ID))
		assert.Equal(t, 1, w.count(t, "SELECT COUNT(*) FROM wecom_events WHERE corp_id = ? AND kind = 'wechat:subscribe' AND status = 'applied'", w.Corp.ID))

		follows := w.touches(t, app.TouchOASubscribe)
		require.Len(t, follows, 1, "one touch for three deliveries")
		scan := follows[0]
		require.NotNil(t, scan.StoreID)
		assert.Equal(t, w.store.ID, *scan.StoreID)
		assert.Equal(t, code.Scene, scan.State)
		assert.Equal(t, time.UTC, scan.At.Location())
		assert.Equal(t, w.SC.Now().Unix(), scan.At.Unix(), "the event's time")
		require.NotNil(t, scan.MemberID)

		byOpenID, err := w.Member.Lookup(w.ctx, w.Corp.ID, "", app.KeyOpenID, openID)
		require.NoError(t, err)
		byUnionID, err := w.Member.Lookup(w.ctx, w.Corp.ID, "", app.KeyUnionID, "oUnionAlice")
		require.NoError(t, err)
		assert.Equal(t, *scan.MemberID, byOpenID.ID)
		assert.Equal(t, *scan.MemberID, byUnionID.ID)

		res, err := w.Member.Upsert(w.ctx, w.Corp.ID, member.Input{MemberNo: "M001", UnionID: "oUnionAlice", Name: "王女士"})
		require.NoError(t, err)
		assert.Equal(t, *scan.MemberID, res.MemberID, "the till's member is the follower")
		m, err := w.Member.Find(w.ctx, w.Corp.ID, *scan.MemberID)
		require.NoError(t, err)
		assert.Equal(t, "M001", m.MemberNo)

		credit := w.decide(t, res.MemberID, scan.At.Add(10*24*time.Hour))
		require.Len(t, credit, 1)
		require.NotNil(t, credit[0].StoreID)
		assert.Equal(t, w.store.ID, *credit[0].StoreID)
		assert.Equal(t, app.TeamStore, credit[0].Team)
		assert.EqualValues(t, 29900, credit[0].AmountCents)
		var why attribution.Explanation
		require.NoError(t, json.Unmarshal([]byte(credit[0].Explanation), &why))
		assert.Equal(t, "protection", why.Rule)
		assert.Equal(t, []int64{scan.ID}, why.Touches)

		late := w.decide(t, res.MemberID, scan.At.Add(40*24*time.Hour))
		require.Len(t, late, 1)
		assert.Nil(t, late[0].StoreID, "outside the protection window")
		assert.Equal(t, app.TeamOnline, late[0].Team)
	})
}

// decide credits an online order (no store) of 299 元 paid at paidAt by
// the member, from the member's touches, under the default rules.
func (w *world) decide(t *testing.T, memberID int64, paidAt time.Time) []app.Credit {
	ts, _, err := w.Touch.List(w.ctx, w.Corp.ID, app.TouchFilter{Page: app.Page{Limit: 200}, MemberID: memberID})
	require.NoError(t, err)
	order := app.Order{ID: 1, CorpID: w.Corp.ID, Source: app.OrderSourceMall, OrderNo: "W1", Kind: app.OrderSale,
		MemberID: &memberID, AmountCents: 29900, PaidAt: paidAt}
	b := attribution.Basis{Order: order, Touches: ts, Guides: map[string]app.Guide{}, Stores: map[int64]app.Store{w.store.ID: *w.store}}
	return attribution.Decide(b, app.DefaultAttributionRules(w.Corp.ID, 0), app.ModelRules)
}
