package stack

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// ConnectWeChat registers the sandbox corp's 公众号 in Siyu, as `siyu
// wechat add` would (brand "" for the corp's shared pool), and points its
// server configuration at Siyu's /wechat/callback/<appid>.
func (s *Stack) ConnectWeChat(t testing.TB, brand string) *app.WeChatApp {
	oa := s.SC.OA()
	a := &app.WeChatApp{CorpID: s.Corp.ID, AppID: oa.AppID, Name: "测试公众号", Token: oa.Token, EncodingAESKey: oa.EncodingAESKey,
		AppSecret: oa.Secret}
	if oa.PlainMode {
		a.Mode = app.WeChatPlainMode
	}
	require.NoError(t, s.WeChat.RegisterApp(context.Background(), a, brand))
	s.SC.SetOACallbackURL(s.URL + app.WeChatCallbackPath(oa.AppID))
	return a
}
