package wecom_test

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
)

// The mini-program's side against the sandbox: login by code, a
// personal code whose PNG scans back to its page and scene, a phone code
// exchanged once, and subscribe messages sent once per consent, 43101
// (ErrNotSubscribed) without one — across an access token that lapses.
func TestMiniProgramAPIs(t *testing.T) {
	ctx := context.Background()
	corp := newCorp(t)
	cfg := corp.Config()
	m, err := wecom.NewMiniProgram(testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded)).Client, cfg.MiniAppID, cfg.MiniAppSecret,
		wecom.WithBackoff(fastBackoff()))
	require.NoError(t, err)

	s, err := m.Code2Session(ctx, corp.MintLoginCode("", "union-1"))
	require.NoError(t, err)
	require.NotEmpty(t, s.OpenID)

	img, err := m.WXACode(ctx, wecom.WXACodeRequest{Scene: "k7Qa9", Page: "pages/campaign/index"})
	require.NoError(t, err)
	_, err = png.Decode(bytes.NewReader(img))
	require.NoError(t, err, "a PNG")
	code, ok := corp.ScanWXACode(img)
	require.True(t, ok)
	assert.Equal(t, "k7Qa9", code.Scene)
	assert.Equal(t, "pages/campaign/index", code.Page)
	_, err = m.WXACode(ctx, wecom.WXACodeRequest{Scene: "场景", Page: "pages/x"})
	assert.Equal(t, app.EINVALID, app.ErrorCode(err), "a scene WeChat refuses")

	phoneCode := corp.MintPhoneCode("13800138000")
	p, err := m.PhoneNumber(ctx, phoneCode)
	require.NoError(t, err)
	assert.Equal(t, "13800138000", p.PurePhoneNumber)
	_, err = m.PhoneNumber(ctx, phoneCode)
	assert.Equal(t, app.EINVALID, app.ErrorCode(err), "a phone code is spent once")
	late := corp.MintPhoneCode("13900139000")
	corp.Advance(6 * time.Minute)
	_, err = m.PhoneNumber(ctx, late)
	assert.Equal(t, app.EINVALID, app.ErrorCode(err), "5 minutes")

	msg := wecom.SubscribeMessage{ToUser: s.OpenID, TemplateID: "tpl-reward", Page: "pages/progress/index", Data: map[string]string{"thing1": "邀请3位好友", "thing2": "奖励已发放"}}
	err = m.SendSubscribe(ctx, msg)
	assert.True(t, errors.Is(err, wecom.ErrNotSubscribed), "%v", err)
	corp.Subscribe(s.OpenID, "tpl-reward")
	corp.Advance(3 * time.Hour) // the token lapses: fetched again
	require.NoError(t, m.SendSubscribe(ctx, msg))
	assert.True(t, errors.Is(m.SendSubscribe(ctx, msg), wecom.ErrNotSubscribed), "one send per consent")
	sent := corp.SubscribeMessages()
	require.Len(t, sent, 1)
	assert.Equal(t, "邀请3位好友", sent[0].Data["thing1"])
}
