package wechat_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// Everything a follower does becomes a touch of their member: scanning a
// guide's code (the guide, in their store), scanning the store's code
// while following (SCAN), tapping the menu (CLICK, VIEW), receiving a
// template message, unfollowing.
func TestFollowerTouches(t *testing.T) {
	eachStack(t, func(t *testing.T, w *world) {
		guide, err := w.WeChat.CreateQRCode(w.ctx, w.Corp.ID, wechatInput(w.oa.ID, app.WeChatQRGuide, nil, "g1"))
		require.NoError(t, err)
		store := w.storeCode(t)
		openID, _, err := w.SC.ConsumerScansOAQR(sandbox.OAScan{UnionID: "oUnionBob", Ticket: guide.Ticket})
		require.NoError(t, err)
		w.SC.Advance(time.Minute)
		_, event, err := w.SC.ConsumerScansOAQR(sandbox.OAScan{OpenID: openID, Ticket: store.Ticket})
		require.NoError(t, err)
		require.Equal(t, "SCAN", event)
		require.NoError(t, w.SC.ConsumerClicksMenu(openID, "MEMBER_CARD"))
		require.NoError(t, w.SC.ConsumerClicksMenu(openID, "https://shop.example.com/new"))
		msgID := w.sendTemplate(t, openID)
		w.SC.Advance(time.Minute)
		require.NoError(t, w.SC.ConsumerUnsubscribes(openID))
		w.Settle(t, time.Minute)

		m, err := w.Member.Lookup(w.ctx, w.Corp.ID, "", app.KeyUnionID, "oUnionBob")
		require.NoError(t, err)
		ts, _, err := w.Touch.List(w.ctx, w.Corp.ID, app.TouchFilter{Page: app.Page{Limit: 50}, MemberID: m.ID})
		require.NoError(t, err)
		byKind := map[string]app.Touch{}
		for _, x := range ts {
			byKind[x.Kind] = x
		}
		require.Len(t, byKind, 6, "%v", ts)
		follow := byKind[app.TouchOASubscribe]
		assert.Equal(t, "g1", follow.UserID)
		require.NotNil(t, follow.StoreID)
		assert.Equal(t, w.store.ID, *follow.StoreID, "the guide's store")
		scan := byKind[app.TouchOAScan]
		assert.Empty(t, scan.UserID)
		assert.Equal(t, store.Scene, scan.State)
		assert.Equal(t, "MEMBER_CARD", detail(t, byKind[app.TouchOAClick])["key"])
		assert.Equal(t, "https://shop.example.com/new", detail(t, byKind[app.TouchOAView])["url"])
		tpl := detail(t, byKind[app.TouchOATemplate])
		assert.Equal(t, "success", tpl["status"])
		assert.Equal(t, msgID, tpl["msgid"])
		assert.Equal(t, openID, detail(t, byKind[app.TouchOAUnsubscribe])["openid"])
		assert.Equal(t, 6, w.count(t, "SELECT COUNT(*) FROM wecom_events WHERE corp_id = ? AND status = 'applied' AND kind LIKE 'wechat:%'", w.Corp.ID))
	})
}

// sendTemplate sends the follower a template message through the
// account's own client and returns WeChat's msgid.
func (w *world) sendTemplate(t *testing.T, openID string) string {
	oa := w.SC.OA()
	cli, err := wecom.NewOfficialAccount(redis.NewClient(&redis.Options{Addr: miniredis.RunT(t).Addr()}), oa.AppID, oa.Secret)
	require.NoError(t, err)
	id, err := cli.SendTemplate(context.Background(), wecom.OATemplate{ToUser: openID, TemplateID: "TPL_ORDER", Data: map[string]string{"first": "订单已发货"}})
	require.NoError(t, err)
	b, _ := json.Marshal(id)
	return string(b)
}

func detail(t *testing.T, x app.Touch) map[string]any {
	var out map[string]any
	require.NoError(t, json.Unmarshal([]byte(x.Detail), &out), x.Detail)
	return out
}
