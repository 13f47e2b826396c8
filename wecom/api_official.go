package wecom

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/silenceper/wechat/v2/util"
)

// OfficialAccount calls WeChat's 公众号 API for one account, through the
// same rate limiter, retries and error mapping as Client, with an access
// token shared through Redis by every process. It calls the endpoints
// itself, as MiniProgram does: the SDK's officialaccount helpers take no
// context and flatten the errcode into text (GetQRTicket, GetUserInfo).
type OfficialAccount struct{ wechatApp }

// NewOfficialAccount returns the client of the account appID.
func NewOfficialAccount(rdb redis.UniversalClient, appID, secret string, opts ...Option) (*OfficialAccount, error) {
	if appID == "" || secret == "" {
		return nil, fmt.Errorf("wechat official account: app id and secret are required")
	}
	o := newOptions(opts)
	if err := o.limits.Validate(); err != nil {
		return nil, err
	}
	return &OfficialAccount{newWeChatApp(rdb, appID, secret, o, oaError)}, nil
}

// AppID is the account this client calls for.
func (a *OfficialAccount) AppID() string { return a.appID }

// fetchOAToken gets an access token with the account's AppSecret.
func fetchOAToken(ctx context.Context, appID, secret string) (string, time.Duration, error) {
	q := url.Values{"grant_type": {"client_credential"}, "appid": {appID}, "secret": {secret}}
	body, err := util.HTTPGetContext(ctx, DefaultMiniBase+"/cgi-bin/token?"+q.Encode())
	if err != nil {
		return "", 0, &tokenFetchError{err: redact(err)}
	}
	var res tokenResponse
	if err := util.DecodeWithError(body, &res, "token"); err != nil {
		return "", 0, &tokenFetchError{err: err}
	}
	if res.AccessToken == "" || res.ExpiresIn <= 0 {
		return "", 0, &tokenFetchError{err: fmt.Errorf("token: answer without token or expiry")}
	}
	return res.AccessToken, tokenTTL(time.Duration(res.ExpiresIn) * time.Second), nil
}

// oaStaleToken reports whether WeChat refused the access token itself.
func oaStaleToken(err error) bool {
	switch ErrCode(err) {
	case 40001, 40014, 42001:
		return true
	}
	return false
}
