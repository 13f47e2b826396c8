package wecom

import (
	"context"
	"net/url"
	"strings"

	"github.com/silenceper/wechat/v2/util"

	"github.com/siyu-scrm/siyu/app"
)

// apiGetUserInfo is WeCom's OAuth code exchange (网页授权登录).
const apiGetUserInfo = "auth/getuserinfo"

// DefaultOAuthAuthorizeURL is where WeCom's OAuth starts in WeCom's client.
// REFERENCE.md does not confirm it, so it is configuration
// (panel.oauth_authorize_url), with this as the documented default.
const DefaultOAuthAuthorizeURL = "https://open.weixin.qq.com/connect/oauth2/authorize"

// OAuthURL is the authorize address that sends a member's WeCom client back
// to redirectURI with ?code=&state= (scope snsapi_base: the userid only,
// silently). base is the configured authorize URL.
func OAuthURL(base, corpID, agentID, redirectURI, state string) string {
	q := url.Values{"appid": {corpID}, "redirect_uri": {redirectURI}, "response_type": {"code"},
		"scope": {"snsapi_base"}, "state": {state}, "agentid": {agentID}}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + q.Encode() + "#wechat_redirect"
}

// userInfoResponse is getuserinfo's answer: userid for a corp member,
// openid (and no userid) for anyone else.
type userInfoResponse struct {
	util.CommonError
	UserID string `json:"userid"`
	OpenID string `json:"openid"`
}

// UserIDFromCode exchanges an OAuth code for the member's userid. The code
// is single-use, so the call is retried only when WeCom surely did not see
// it. An unknown, used or expired code (40029) is unauthorized; someone who
// is not a member of the corp is forbidden.
func (c *Client) UserIDFromCode(ctx context.Context, code string) (string, error) {
	if code == "" {
		return "", app.Errorf(app.EUNAUTHORIZED, "缺少登录 code，请重新登录")
	}
	var resp userInfoResponse
	err := c.call(ctx, apiGetUserInfo, false, func(s *session) error {
		return s.get("/cgi-bin/auth/getuserinfo", url.Values{"code": {code}}, &resp)
	})
	switch code := ErrCode(err); {
	case code == 40029 || code == 40163:
		return "", app.Wrap(app.EUNAUTHORIZED, err, "登录 code 无效或已过期，请重新登录")
	case err != nil:
		return "", err
	case resp.UserID == "":
		return "", app.Errorf(app.EFORBIDDEN, "仅企业成员可以登录侧边栏")
	}
	return resp.UserID, nil
}
