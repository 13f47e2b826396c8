package wecom

import (
	"context"
	"fmt"
	"net/url"

	"github.com/redis/go-redis/v9"
	"github.com/silenceper/wechat/v2/util"
)

const apiJSCode2Session = "sns/jscode2session"

// MiniProgram calls WeChat's mini-program API for one app id — login,
// codes, phone numbers, subscribe messages — through the same rate
// limiter and retries as Client, with an access token shared through
// Redis by every process.
type MiniProgram struct {
	wechatApp
	secret string
}

// MiniSession is a logged-in mini-program user. UnionID is set only when
// the mini-program is bound to an Open Platform account; it is what links
// the user to a WeCom customer.
type MiniSession struct {
	OpenID     string
	SessionKey string
	UnionID    string
}

// NewMiniProgram returns the login client for appID.
func NewMiniProgram(rdb redis.UniversalClient, appID, secret string, opts ...Option) (*MiniProgram, error) {
	if appID == "" || secret == "" {
		return nil, fmt.Errorf("wecom mini-program: app id and secret are required")
	}
	o := newOptions(opts)
	if err := o.limits.Validate(); err != nil {
		return nil, err
	}
	return &MiniProgram{wechatApp: newWeChatApp(rdb, appID, secret, o, miniError), secret: secret}, nil
}

// Code2Session exchanges a wx.login code (single use, valid 5 minutes) for
// the user's ids. It calls the endpoint itself because the SDK's version
// flattens the errcode (40029, 40163, 45011) into text.
func (m *MiniProgram) Code2Session(ctx context.Context, jsCode string) (*MiniSession, error) {
	var resp struct {
		util.CommonError
		OpenID     string `json:"openid"`
		SessionKey string `json:"session_key"`
		UnionID    string `json:"unionid"`
	}
	err := m.pipe.run(ctx, apiJSCode2Session, true, func(ctx context.Context) error {
		return m.pipe.once(ctx, apiJSCode2Session, func() error { return m.code2Session(ctx, jsCode, &resp) })
	})
	if err != nil {
		return nil, err
	}
	return &MiniSession{OpenID: resp.OpenID, SessionKey: resp.SessionKey, UnionID: resp.UnionID}, nil
}

func (m *MiniProgram) code2Session(ctx context.Context, jsCode string, resp any) error {
	q := url.Values{"appid": {m.appID}, "secret": {m.secret}, "js_code": {jsCode}, "grant_type": {"authorization_code"}}
	body, err := util.HTTPGetContext(ctx, DefaultMiniBase+"/sns/jscode2session?"+q.Encode())
	if err != nil {
		return redact(err)
	}
	return util.DecodeWithError(body, resp, apiJSCode2Session)
}
