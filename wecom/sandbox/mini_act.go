package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// SubscribeMessage is a subscribe message the mini-program sent.
type SubscribeMessage struct {
	ToUser, TemplateID, Page string
	Data                     map[string]string
	Time                     time.Time
}

// MintPhoneCode is the consumer tapping a getPhoneNumber button and
// allowing it: a code getuserphonenumber exchanges once, within 5
// sandbox minutes, for phone (mainland, without +86).
func (c *Corp) MintPhoneCode(phone string) string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	code := base64.RawURLEncoding.EncodeToString(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.st.mini.phoneCodes[code] = &phoneCode{phone: phone, issued: c.Now()}
	return code
}

// Subscribe is the consumer accepting wx.requestSubscribeMessage for
// templateID: one more message of it may be sent to openID.
func (c *Corp) Subscribe(openID, templateID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.st.mini.consents[[2]string{openID, templateID}]++
}

// SubscribeMessages lists the subscribe messages sent, in order.
func (c *Corp) SubscribeMessages() []SubscribeMessage {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]SubscribeMessage(nil), c.st.mini.sent...)
}

// ScanWXACode is a consumer scanning a mini-program code the sandbox drew:
// the page it opens and its scene. The image is the PNG getwxacodeunlimit
// answered or a picture of the code alone on a light ground, upright at
// any scale (a poster's code area, cropped); ok is false for any other
// image, and for a code whose modules no longer read true.
func (c *Corp) ScanWXACode(png []byte) (WXACode, bool) {
	sum := sha256.Sum256(png)
	c.mu.Lock()
	defer c.mu.Unlock()
	if code, ok := c.st.mini.codes[hex.EncodeToString(sum[:])]; ok {
		return code, true
	}
	return c.scanPicture(png)
}
