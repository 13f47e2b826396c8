package wecom

import (
	"context"
	"net/url"

	"github.com/silenceper/wechat/v2/util"
)

const (
	apiOAQRCreate = "qrcode/create"
	apiOAQRShow   = "showqrcode"
)

// OAQRRequest asks for a parametric QR code with a string scene: a
// permanent one (QR_LIMIT_STR_SCENE, counted against the account's
// 100,000) or a temporary one living ExpireSeconds (QR_STR_SCENE, at most
// 30 days).
type OAQRRequest struct {
	Scene         string
	Permanent     bool
	ExpireSeconds int64
}

// OAQRCode is WeChat's answer: the ticket that fetches the image, what the
// image encodes, and a temporary code's life in seconds.
type OAQRCode struct {
	Ticket        string
	URL           string
	ExpireSeconds int64
}

// CreateQRCode makes a parametric QR code. It is retried on a lost answer
// like a read: asking again for the same scene makes the same code, so a
// retry cannot spend a second permanent code.
func (a *OfficialAccount) CreateQRCode(ctx context.Context, r OAQRRequest) (*OAQRCode, error) {
	req := map[string]any{"action_name": "QR_STR_SCENE", "expire_seconds": r.ExpireSeconds,
		"action_info": map[string]any{"scene": map[string]string{"scene_str": r.Scene}}}
	if r.Permanent {
		req = map[string]any{"action_name": "QR_LIMIT_STR_SCENE",
			"action_info": map[string]any{"scene": map[string]string{"scene_str": r.Scene}}}
	}
	var res struct {
		util.CommonError
		Ticket        string `json:"ticket"`
		ExpireSeconds int64  `json:"expire_seconds"`
		URL           string `json:"url"`
	}
	err := a.call(ctx, apiOAQRCreate, true, func(tok string) error {
		body, err := util.PostJSONContext(ctx, DefaultMiniBase+"/cgi-bin/qrcode/create?access_token="+url.QueryEscape(tok), req)
		if err != nil {
			return redact(err)
		}
		return util.DecodeWithError(body, &res, apiOAQRCreate)
	})
	if err != nil {
		return nil, err
	}
	return &OAQRCode{Ticket: res.Ticket, URL: res.URL, ExpireSeconds: res.ExpireSeconds}, nil
}

// QRImage downloads the image of the code with ticket from showqrcode
// (mp.weixin.qq.com, which takes no token). The address is built here
// from the ticket, never taken from an answer, so no allow-list is
// needed; the body is checked to be an image by the caller.
func (a *OfficialAccount) QRImage(ctx context.Context, ticket string) ([]byte, error) {
	var img []byte
	err := a.pipe.run(ctx, apiOAQRShow, true, func(ctx context.Context) error {
		return oaError(apiOAQRShow, a.pipe.once(ctx, apiOAQRShow, func() (err error) {
			img, err = util.HTTPGetContext(ctx, DefaultMPBase+"/cgi-bin/showqrcode?ticket="+url.QueryEscape(ticket))
			return err
		}))
	})
	return img, err
}
