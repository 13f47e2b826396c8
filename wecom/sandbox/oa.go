package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// OAConfig is the 公众号 (WeChat Official Account) a corp's brand runs,
// which the sandbox plays beside WeCom: its credentials as the 公众平台
// shows them and its server configuration (服务器配置).
type OAConfig struct {
	AppID      string
	OriginalID string // gh_…, the ToUserName of its callbacks
	Secret     string
	// Token and EncodingAESKey sign and encrypt its callbacks; the
	// EncodingAESKey's receive id is the AppID.
	Token          string
	EncodingAESKey string
	// CallbackURL receives its events; empty records them without sending.
	CallbackURL string
	// PlainMode sends callbacks in 明文模式 (signed, not encrypted) rather
	// than 安全模式.
	PlainMode bool
}

// newOAConfig derives a complete 公众号 for corpID, distinct from its
// mini-program, so a test needs nothing but the corp.
func newOAConfig(corpID string) OAConfig {
	sum := sha256.Sum256([]byte("siyu-sandbox-oa/" + corpID))
	key := sha256.Sum256([]byte("siyu-sandbox-oa-key/" + corpID))
	h := hex.EncodeToString(sum[:])
	// WeChat's EncodingAESKey is 43 letters and digits; hex is both.
	return OAConfig{AppID: "wx" + h[:16], OriginalID: "gh_" + h[16:28], Secret: "oa" + h[28:60],
		Token: "oa" + h[:10], EncodingAESKey: hex.EncodeToString(key[:])[:43]}
}

// OAFollower is a WeChat user as the 公众号 knows them.
type OAFollower struct {
	OpenID     string
	UnionID    string // answered only when the corp's open platform is bound
	Subscribed bool
	// SubscribeTime, SubscribeScene and QRScene are of the last follow.
	SubscribeTime  int64
	SubscribeScene string
	QRScene        string
}

// OAQRCode is a parametric QR code the 公众号 made.
type OAQRCode struct {
	Ticket    string
	Scene     string
	Permanent bool
	URL       string
	ExpiresAt time.Time // zero for a permanent code
}

// oaState is the 公众号's data; every access holds Corp.mu.
type oaState struct {
	followers map[string]*OAFollower // by openid
	codes     map[string]*OAQRCode   // by ticket
	permanent map[string]string      // scene → ticket of the permanent codes
}

func newOAState() *oaState {
	return &oaState{followers: map[string]*OAFollower{}, codes: map[string]*OAQRCode{}, permanent: map[string]string{}}
}

// OA returns the corp's 公众号 configuration (with its current callback URL).
func (c *Corp) OA() OAConfig { return c.Config().OA }

// SetOACallbackURL changes where the 公众号's events go ("" stops sending).
func (c *Corp) SetOACallbackURL(url string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cfg.OA.CallbackURL = url
}

// SetOAPlainMode switches the 公众号's callbacks to 明文模式 (true) or back
// to 安全模式.
func (c *Corp) SetOAPlainMode(plain bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cfg.OA.PlainMode = plain
}

// OAOpenID is the openid the corp's 公众号 gives the WeChat user with
// unionID: the same person always gets the same one.
func (c *Corp) OAOpenID(unionID string) string {
	sum := sha256.Sum256([]byte(c.cfg.OA.AppID + "/" + unionID))
	return "oOA" + hex.EncodeToString(sum[:])[:25]
}

// OAFollowers returns every follower the 公众号 has seen, current or not.
func (c *Corp) OAFollowers() []OAFollower {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]OAFollower, 0, len(c.oa.followers))
	for _, f := range c.oa.followers {
		out = append(out, *f)
	}
	return out
}

// OAQRCodes returns the parametric QR codes the 公众号 made.
func (c *Corp) OAQRCodes() []OAQRCode {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]OAQRCode, 0, len(c.oa.codes))
	for _, q := range c.oa.codes {
		out = append(out, *q)
	}
	return out
}

// registerOA makes the corp's 公众号 reachable by appid; callers hold s.mu.
func (s *Sandbox) registerOA(c *Corp) error {
	id := c.cfg.OA.AppID
	if id == "" {
		return nil
	}
	if _, dup := s.oas[id]; dup || s.apps[id] != nil {
		return fmt.Errorf("sandbox: 公众号 %q already belongs to a corp", id)
	}
	s.oas[id] = c
	return nil
}
