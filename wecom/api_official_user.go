package wecom

import (
	"context"
	"net/url"
	"time"

	"github.com/silenceper/wechat/v2/util"
)

const (
	apiOAUserInfo     = "user/info"
	apiOATemplateSend = "message/template/send"
)

// OAUser is what user/info says of a follower. UnionID is set only when
// the account is bound to an Open Platform account (开放平台); it is what
// joins the follower to the brand's other WeChat identities.
type OAUser struct {
	Subscribed     bool
	OpenID         string
	UnionID        string
	SubscribeTime  time.Time // UTC; zero when not following
	SubscribeScene string    // ADD_SCENE_QR_CODE, ADD_SCENE_SEARCH…
	QRSceneStr     string
}

// UserInfo reads a follower.
func (a *OfficialAccount) UserInfo(ctx context.Context, openID string) (*OAUser, error) {
	var res struct {
		util.CommonError
		Subscribe      int    `json:"subscribe"`
		OpenID         string `json:"openid"`
		UnionID        string `json:"unionid"`
		SubscribeTime  int64  `json:"subscribe_time"`
		SubscribeScene string `json:"subscribe_scene"`
		QRSceneStr     string `json:"qr_scene_str"`
	}
	err := a.call(ctx, apiOAUserInfo, true, func(tok string) error {
		q := url.Values{"access_token": {tok}, "openid": {openID}, "lang": {"zh_CN"}}
		body, err := util.HTTPGetContext(ctx, DefaultMiniBase+"/cgi-bin/user/info?"+q.Encode())
		if err != nil {
			return redact(err)
		}
		return util.DecodeWithError(body, &res, apiOAUserInfo)
	})
	if err != nil {
		return nil, err
	}
	u := &OAUser{Subscribed: res.Subscribe == 1, OpenID: res.OpenID, UnionID: res.UnionID,
		SubscribeScene: res.SubscribeScene, QRSceneStr: res.QRSceneStr}
	if res.SubscribeTime > 0 {
		u.SubscribeTime = time.Unix(res.SubscribeTime, 0).UTC()
	}
	return u, nil
}

// OATemplate is a template message to one follower: the template's
// fields by key, and the page a tap opens.
type OATemplate struct {
	ToUser     string
	TemplateID string
	URL        string
	Data       map[string]string
}

// SendTemplate sends a template message and returns WeChat's msgid; the
// outcome arrives later as a TEMPLATESENDJOBFINISH event. It is not
// retried on a lost answer: the follower could receive it twice.
func (a *OfficialAccount) SendTemplate(ctx context.Context, m OATemplate) (int64, error) {
	data := map[string]map[string]string{}
	for k, v := range m.Data {
		data[k] = map[string]string{"value": v}
	}
	req := map[string]any{"touser": m.ToUser, "template_id": m.TemplateID, "url": m.URL, "data": data}
	var res struct {
		util.CommonError
		MsgID int64 `json:"msgid"`
	}
	err := a.call(ctx, apiOATemplateSend, false, func(tok string) error {
		body, err := util.PostJSONContext(ctx, DefaultMiniBase+"/cgi-bin/message/template/send?access_token="+url.QueryEscape(tok), req)
		if err != nil {
			return redact(err)
		}
		return util.DecodeWithError(body, &res, apiOATemplateSend)
	})
	return res.MsgID, err
}
