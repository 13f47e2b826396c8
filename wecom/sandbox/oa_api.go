package sandbox

import (
	"encoding/base64"
	"net/http"
	"time"
	"unicode/utf8"
)

// oaRoutes are the 公众号 APIs the sandbox answers (paths after /cgi-bin/).
func oaRoutes() map[string]route {
	get, post := http.MethodGet, http.MethodPost
	return map[string]route{
		"token":                 {get, authOAApp, (*Corp).apiOAToken},
		"qrcode/create":         {post, authOAToken, (*Corp).apiOAQRCreate},
		"user/info":             {get, authOAToken, (*Corp).apiOAUserInfo},
		"message/template/send": {post, authOAToken, (*Corp).apiOATemplateSend},

		// the mini-program's (its token from the same /cgi-bin/token)
		"wxa/getwxacodeunlimit":           {post, authMiniToken, (*Corp).apiWXACodeUnlimit},
		"wxa/business/getuserphonenumber": {post, authMiniToken, (*Corp).apiGetUserPhoneNumber},
		"message/subscribe/send":          {post, authMiniToken, (*Corp).apiSubscribeSend},
	}
}

// apiOAToken is WeChat's GET /cgi-bin/token, for the 公众号 or the
// mini-program the appid names: 40125 for a wrong secret.
func (c *Corp) apiOAToken(q *call) (any, error) {
	secret := c.cfg.OA.Secret
	if q.query("appid") == c.cfg.MiniAppID {
		secret = c.cfg.MiniAppSecret
	}
	switch {
	case q.query("grant_type") != "client_credential":
		return nil, failf(40002, "invalid grant_type")
	case q.query("secret") == "":
		return nil, failf(41004, "appsecret missing")
	case q.query("secret") != secret:
		return nil, fail(40125)
	}
	t := c.sb.tokenFor(c, secret)
	return gettokenResponse{AccessToken: t.value, ExpiresIn: int(t.expires.Sub(c.Now()) / time.Second)}, nil
}

// oaQRRequest is qrcode/create's body.
type oaQRRequest struct {
	ExpireSeconds int64  `json:"expire_seconds"`
	ActionName    string `json:"action_name"`
	ActionInfo    struct {
		Scene struct {
			SceneStr string `json:"scene_str"`
			SceneID  int64  `json:"scene_id"`
		} `json:"scene"`
	} `json:"action_info"`
}

// Limits of parametric QR codes, as WeChat documents them.
const (
	oaQRMaxExpire     = 2_592_000 // 30 days
	oaQRDefaultExpire = 30        // seconds, when expire_seconds is left out
	oaQRMaxPermanent  = 100_000
)

// apiOAQRCreate makes a parametric QR code. A permanent one asked for again
// with the same scene is the same code (same ticket); a temporary one is
// new every time. 40053 for a scene out of bounds. The permanent cap's
// errcode is not documented: the sandbox answers 40053 with a hint.
func (c *Corp) apiOAQRCreate(q *call) (any, error) {
	var r oaQRRequest
	if err := q.decode(&r); err != nil {
		return nil, err
	}
	scene, permanent, err := oaScene(r)
	if err != nil {
		return nil, err
	}
	if permanent {
		return c.permanentOAQR(q, scene)
	}
	expire := r.ExpireSeconds
	if expire <= 0 {
		expire = oaQRDefaultExpire
	}
	code := c.newOAQR(q, scene, false)
	code.ExpiresAt = c.Now().Add(time.Duration(min(expire, oaQRMaxExpire)) * time.Second)
	return oaQRAnswer(code, min(expire, oaQRMaxExpire)), nil
}

// oaScene reads the scene of r, as a string whichever kind it is.
func oaScene(r oaQRRequest) (scene string, permanent bool, err error) {
	s := r.ActionInfo.Scene
	switch r.ActionName {
	case "QR_STR_SCENE", "QR_LIMIT_STR_SCENE":
		if n := utf8.RuneCountInString(s.SceneStr); n < 1 || n > 64 {
			return "", false, failf(40053, "invalid action info, scene_str must be 1-64 characters")
		}
		return s.SceneStr, r.ActionName == "QR_LIMIT_STR_SCENE", nil
	case "QR_SCENE":
		if s.SceneID == 0 || s.SceneID > 1<<32-1 {
			return "", false, failf(40053, "invalid action info, scene_id must be a non-zero 32-bit integer")
		}
		return itoa64(s.SceneID), false, nil
	case "QR_LIMIT_SCENE":
		if s.SceneID < 1 || s.SceneID > oaQRMaxPermanent {
			return "", false, failf(40053, "invalid action info, scene_id must be 1-100000")
		}
		return itoa64(s.SceneID), true, nil
	}
	return "", false, failf(40053, "invalid action_name %q", r.ActionName)
}

// permanentOAQR returns the permanent code of scene, making it if new.
func (c *Corp) permanentOAQR(q *call, scene string) (any, error) {
	if t, ok := c.oa.permanent[scene]; ok {
		return oaQRAnswer(c.oa.codes[t], 0), nil
	}
	if len(c.oa.permanent) >= oaQRMaxPermanent {
		return nil, failf(40053, "permanent qrcode limit (100000) reached [sandbox]")
	}
	code := c.newOAQR(q, scene, true)
	c.oa.permanent[scene] = code.Ticket
	return oaQRAnswer(code, 0), nil
}

// newOAQR draws a code's ticket from the corp's id sequence (so a journal
// replayed draws the same one); callers hold c.mu.
func (c *Corp) newOAQR(q *call, scene string, permanent bool) *OAQRCode {
	id := c.newID("q")
	code := &OAQRCode{Ticket: "gQ" + base64.RawURLEncoding.EncodeToString([]byte(id)), Scene: scene, Permanent: permanent,
		URL: "http://weixin.qq.com/q/" + id}
	c.oa.codes[code.Ticket] = code
	return code
}

// oaQRAnswer is qrcode/create's answer for code.
func oaQRAnswer(code *OAQRCode, expire int64) any {
	return struct {
		Ticket        string `json:"ticket"`
		ExpireSeconds int64  `json:"expire_seconds,omitempty"`
		URL           string `json:"url"`
	}{Ticket: code.Ticket, ExpireSeconds: expire, URL: code.URL}
}
