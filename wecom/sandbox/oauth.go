package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"time"
)

// OAuthCodeTTL is how long a WeCom OAuth code may be exchanged.
const OAuthCodeTTL = 5 * time.Minute

// oauthCode is a code WeCom's client received for a member after
// authorizing a page.
type oauthCode struct {
	userID string
	issued time.Time
	used   bool
}

// MintOAuthCode is a member opening an OAuth page in WeCom's client: it
// returns the code the page's redirect carries, which auth/getuserinfo
// exchanges once, within 5 sandbox minutes. The member must exist and not
// have resigned.
func (c *Corp) MintOAuthCode(userID string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.st.members[userID]
	if m == nil || m.Resigned {
		return "", fmt.Errorf("%w: member %q", ErrNotFound, userID)
	}
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	code := base64.RawURLEncoding.EncodeToString(b)
	c.st.ext.oauthCodes[code] = &oauthCode{userID: userID, issued: c.Now()}
	return code, nil
}

// apiGetUserInfo is auth/getuserinfo: the member behind an OAuth code.
// Like WeCom it answers 40029 for a code it never issued, one already
// exchanged and one older than 5 minutes.
func (c *Corp) apiGetUserInfo(q *call) (any, error) {
	code := q.query("code")
	if code == "" {
		return nil, fail(41008)
	}
	oc := c.st.ext.oauthCodes[code]
	if oc == nil || oc.used || c.Now().Sub(oc.issued) > OAuthCodeTTL {
		return nil, fail(40029)
	}
	oc.used = true
	return struct {
		UserID string `json:"userid"`
	}{oc.userID}, nil
}
