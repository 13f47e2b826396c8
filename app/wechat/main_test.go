package wechat_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	harness "github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/app/wechat"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	harness.Main(m, sandbox.Options{Seed: 21}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

// world is a running Siyu with one store and a guide in it, whose corp's
// 公众号 is registered and delivers to Siyu.
type world struct {
	*harness.Stack
	ctx   context.Context
	store *app.Store
	oa    *app.WeChatApp
}

func newWorld(t *testing.T, driver, redis string) *world { return startWorld(t, driver, redis, false) }

// startWorld is newWorld with the 公众号 in 明文模式 when plain is set.
func startWorld(t *testing.T, driver, redis string, plain bool) *world {
	s := harness.Start(t, sb, harness.Options{Driver: driver, RedisMode: redis})
	s.SC.SetOAPlainMode(plain)
	w := &world{Stack: s, ctx: app.WithActor(context.Background(), "user:1")}
	w.store = &app.Store{CorpID: s.Corp.ID, Code: "S1", Name: "徐汇店", Kind: app.StoreKindStore}
	require.NoError(t, s.Org.CreateStore(w.ctx, w.store))
	require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: "g1", Name: "导购一", ContactEnabled: true}))
	require.NoError(t, s.Org.CreateGuide(w.ctx, &app.Guide{CorpID: s.Corp.ID, UserID: "g1", Name: "导购一", StoreCode: "S1", Role: app.GuideRoleGuide}))
	w.oa = s.ConnectWeChat(t, "")
	return w
}

// wechatInput asks for a code of kind for a store or a guide.
func wechatInput(appID int64, kind string, storeID *int64, userID string) wechat.QRInput {
	return wechat.QRInput{AppID: appID, Kind: kind, StoreID: storeID, UserID: userID}
}

// eachStack runs fn on SQLite with the embedded Redis and on MariaDB
// with Redis.
func eachStack(t *testing.T, fn func(t *testing.T, w *world)) {
	for _, c := range []struct{ driver, redis string }{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(c.driver, func(t *testing.T) { fn(t, newWorld(t, c.driver, c.redis)) })
	}
}

// storeCode makes the store's permanent 公众号 code through Siyu.
func (w *world) storeCode(t *testing.T) *app.WeChatQRCode {
	q, err := w.WeChat.CreateQRCode(w.ctx, w.Corp.ID, wechatInput(w.oa.ID, app.WeChatQRStore, &w.store.ID, ""))
	require.NoError(t, err)
	return q
}

// count runs a COUNT(*) query.
func (w *world) count(t *testing.T, query string, args ...any) int {
	var n int
	require.NoError(t, w.DB.SQL().QueryRow(query, args...).Scan(&n))
	return n
}

// touches lists the corp's touches of kind, oldest first.
func (w *world) touches(t *testing.T, kind string) []app.Touch {
	ts, _, err := w.Touch.List(w.ctx, w.Corp.ID, app.TouchFilter{Page: app.Page{Limit: 200}, Kind: kind})
	require.NoError(t, err)
	return ts
}
