package wecom

import (
	"bytes"
	"context"
	"net/url"

	"github.com/silenceper/wechat/v2/util"
)

// Mini-program API names (after the host).
const (
	apiWXACode       = "wxa/getwxacodeunlimit"
	apiPhoneNumber   = "wxa/business/getuserphonenumber"
	apiSubscribeSend = "cgi-bin/message/subscribe/send"
)

// WXACodeRequest asks for a mini-program code (unlimited in number,
// permanent): Scene is at most 32 visible characters the page reads back.
type WXACodeRequest struct {
	Scene      string `json:"scene"`
	Page       string `json:"page,omitempty"`
	CheckPath  bool   `json:"check_path"`
	EnvVersion string `json:"env_version,omitempty"`
	Width      int    `json:"width,omitempty"`
}

// MiniPhone is a consumer's phone number as WeChat verified it.
type MiniPhone struct {
	PhoneNumber     string `json:"phoneNumber"`
	PurePhoneNumber string `json:"purePhoneNumber"`
	CountryCode     string `json:"countryCode"`
}

// SubscribeMessage is a one-time subscribe message: Data maps each of
// the template's keys (thing1, time2…) to its value.
type SubscribeMessage struct {
	ToUser     string
	TemplateID string
	Page       string
	Data       map[string]string
	// State is developer, trial or formal (the mini-program opened).
	State string
}

// WXACode draws the code of r as PNG bytes. WeChat answers the image
// itself, JSON only on error.
func (m *MiniProgram) WXACode(ctx context.Context, r WXACodeRequest) ([]byte, error) {
	var img []byte
	err := m.call(ctx, apiWXACode, true, func(tok string) error {
		body, err := util.PostJSONContext(ctx, DefaultMiniBase+"/"+apiWXACode+"?access_token="+url.QueryEscape(tok), r)
		if err != nil {
			return redact(err)
		}
		if bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
			var e struct{ util.CommonError }
			return util.DecodeWithError(body, &e, apiWXACode)
		}
		img = body
		return nil
	})
	return img, err
}

// PhoneNumber exchanges a getPhoneNumber code (single use, 5 minutes).
func (m *MiniProgram) PhoneNumber(ctx context.Context, code string) (*MiniPhone, error) {
	var resp struct {
		util.CommonError
		PhoneInfo MiniPhone `json:"phone_info"`
	}
	err := m.call(ctx, apiPhoneNumber, false, func(tok string) error {
		return m.postWeChat(ctx, apiPhoneNumber, tok, map[string]string{"code": code}, &resp)
	})
	if err != nil {
		return nil, err
	}
	return &resp.PhoneInfo, nil
}

// SendSubscribe sends one subscribe message, spending one consent; it
// is retried only when WeChat surely did not send it. ErrNotSubscribed
// when the consumer has no consent left.
func (m *MiniProgram) SendSubscribe(ctx context.Context, msg SubscribeMessage) error {
	data := make(map[string]map[string]string, len(msg.Data))
	for k, v := range msg.Data {
		data[k] = map[string]string{"value": v}
	}
	req := map[string]any{"touser": msg.ToUser, "template_id": msg.TemplateID, "page": msg.Page, "data": data, "lang": "zh_CN"}
	if msg.State != "" { // WeChat takes developer, trial or formal; absent is formal
		req["miniprogram_state"] = msg.State
	}
	return m.call(ctx, apiSubscribeSend, false, func(tok string) error {
		var resp struct{ util.CommonError }
		return m.postWeChat(ctx, apiSubscribeSend, tok, req, &resp)
	})
}

// postWeChat posts req as JSON to api on WeChat's host with the token.
func (m *MiniProgram) postWeChat(ctx context.Context, api, tok string, req, resp any) error {
	body, err := util.PostJSONContext(ctx, DefaultMiniBase+"/"+api+"?access_token="+url.QueryEscape(tok), req)
	if err != nil {
		return redact(err)
	}
	return util.DecodeWithError(body, resp, api)
}
