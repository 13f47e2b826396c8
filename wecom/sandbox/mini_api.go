package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"rsc.io/qr"
)

// pngBody is an answer WeChat sends as the image itself.
type pngBody []byte

// phoneCodeTTL is how long a getPhoneNumber code may be exchanged.
const phoneCodeTTL = 5 * time.Minute

// sceneChars are the characters getwxacodeunlimit takes in a scene.
var sceneChars = regexp.MustCompile(`^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$`)

// miniState is what the sandbox keeps of the corp's mini-program.
type miniState struct {
	codes      map[string]WXACode // by the PNG's sha256
	drawn      []drawnCode        // every code drawn, for scanning a picture of one
	phoneCodes map[string]*phoneCode
	consents   map[[2]string]int // (openid, template_id) → sends left
	sent       []SubscribeMessage
}

func newMiniState() miniState {
	return miniState{codes: map[string]WXACode{}, phoneCodes: map[string]*phoneCode{}, consents: map[[2]string]int{}}
}

// WXACode is a mini-program code the sandbox drew: the page it opens and
// the scene it carries.
type WXACode struct{ Page, Scene string }

type phoneCode struct {
	phone  string
	issued time.Time
	used   bool
}

// apiWXACodeUnlimit is getwxacodeunlimit: a PNG of a real QR code whose
// (page, scene) ScanWXACode reads back; 40169 for a scene WeChat refuses,
// 41030 for a page given with a leading slash or a query.
func (c *Corp) apiWXACodeUnlimit(q *call) (any, error) {
	var req struct {
		Scene, Page string
		Width       int
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	switch {
	case !sceneChars.MatchString(req.Scene):
		return nil, failf(40169, "invalid length for scene, or the data is not json string")
	case strings.HasPrefix(req.Page, "/") || strings.Contains(req.Page, "?"):
		return nil, failf(41030, "invalid page")
	case req.Width != 0 && (req.Width < 280 || req.Width > 1280):
		return nil, failf(40097, "invalid width")
	}
	img, err := c.drawWXACode(req.Page, req.Scene)
	if err != nil {
		return nil, fail(-1)
	}
	return pngBody(img), nil
}

// drawWXACode draws a real QR code for (page, scene) and remembers it,
// by its PNG's hash and by its modules, for ScanWXACode.
func (c *Corp) drawWXACode(page, scene string) ([]byte, error) {
	code, err := qr.Encode("wxacode:"+c.cfg.MiniAppID+"/"+page+"?scene="+scene, qr.M)
	if err != nil {
		return nil, err
	}
	img := code.PNG()
	sum := sha256.Sum256(img)
	w := WXACode{Page: page, Scene: scene}
	c.st.mini.codes[hex.EncodeToString(sum[:])] = w
	c.st.mini.drawn = append(c.st.mini.drawn, drawnCode{code, w})
	return img, nil
}

// apiGetUserPhoneNumber exchanges a getPhoneNumber code, once, within 5
// sandbox minutes; 40029 otherwise.
func (c *Corp) apiGetUserPhoneNumber(q *call) (any, error) {
	var req struct{ Code string }
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	pc := c.st.mini.phoneCodes[req.Code]
	if pc == nil || pc.used || c.Now().Sub(pc.issued) > phoneCodeTTL {
		return nil, failf(40029, "invalid code")
	}
	pc.used = true
	type info struct {
		PhoneNumber     string `json:"phoneNumber"`
		PurePhoneNumber string `json:"purePhoneNumber"`
		CountryCode     string `json:"countryCode"`
	}
	return struct {
		PhoneInfo info `json:"phone_info"`
	}{info{"+86" + pc.phone, pc.phone, "86"}}, nil
}

// apiSubscribeSend is subscribeMessage.send: one send per consent the
// consumer gave for the template (43101 without one); a thing value over
// 20 characters is 47003.
func (c *Corp) apiSubscribeSend(q *call) (any, error) {
	var req struct {
		ToUser     string `json:"touser"`
		TemplateID string `json:"template_id"`
		Page       string `json:"page"`
		Data       map[string]struct {
			Value string `json:"value"`
		} `json:"data"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	key := [2]string{req.ToUser, req.TemplateID}
	switch {
	case req.ToUser == "":
		return nil, failf(40003, "invalid openid")
	case req.TemplateID == "":
		return nil, failf(40037, "invalid template_id")
	case c.st.mini.consents[key] == 0:
		return nil, failf(43101, "user refuse to accept the msg")
	}
	m := SubscribeMessage{ToUser: req.ToUser, TemplateID: req.TemplateID, Page: req.Page, Data: map[string]string{}, Time: c.Now()}
	for k, v := range req.Data {
		if strings.HasPrefix(k, "thing") && utf8.RuneCountInString(v.Value) > 20 {
			return nil, failf(47003, "argument invalid! data.%s.value exceeds 20 characters", k)
		}
		m.Data[k] = v.Value
	}
	c.st.mini.consents[key]--
	c.st.mini.sent = append(c.st.mini.sent, m)
	return nil, nil
}
