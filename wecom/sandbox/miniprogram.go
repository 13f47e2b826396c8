package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// loginCodeTTL is how long a wx.login code may be exchanged.
const loginCodeTTL = 5 * time.Minute

// loginCode is a wx.login code minted for a consumer.
type loginCode struct {
	openID  string
	unionID string
	issued  time.Time
	used    bool
}

// MintLoginCode is the consumer calling wx.login in the corp's
// mini-program: it returns a code /sns/jscode2session exchanges once,
// within 5 sandbox minutes. An empty openID is derived from the unionID,
// so one consumer always gets the same openid.
func (c *Corp) MintLoginCode(openID, unionID string) string {
	if openID == "" {
		sum := sha256.Sum256([]byte(c.cfg.MiniAppID + "/" + unionID))
		openID = "oMp" + hex.EncodeToString(sum[:])[:25]
	}
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	code := base64.RawURLEncoding.EncodeToString(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.st.ext.loginCodes[code] = &loginCode{openID: openID, unionID: unionID, issued: c.Now()}
	return code
}

// apiJSCode2Session is WeChat's code2Session: 40125 wrong secret, 40029
// unknown or expired code, 40163 code already used.
func (c *Corp) apiJSCode2Session(q *call) (any, error) {
	switch {
	case q.query("secret") == "":
		return nil, fail(41004)
	case q.query("secret") != c.cfg.MiniAppSecret:
		return nil, fail(40125)
	case q.query("js_code") == "":
		return nil, failf(41008, "missing code")
	}
	lc := c.st.ext.loginCodes[q.query("js_code")]
	if lc == nil || c.Now().Sub(lc.issued) > loginCodeTTL {
		return nil, fail(40029)
	}
	if lc.used {
		return nil, fail(40163)
	}
	lc.used = true
	key := make([]byte, 16)
	_, _ = rand.Read(key)
	out := struct {
		OpenID     string `json:"openid"`
		SessionKey string `json:"session_key"`
		UnionID    string `json:"unionid,omitempty"`
	}{OpenID: lc.openID, SessionKey: base64.StdEncoding.EncodeToString(key)}
	if c.cfg.UnionIDBound {
		out.UnionID = lc.unionID
	}
	return out, nil
}
