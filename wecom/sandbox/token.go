package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"time"
)

// tokenTTL is WeCom's access-token lifetime (expires_in 7200).
const tokenTTL = 7200 * time.Second

// token is an issued access token.
type token struct {
	value   string
	corp    *Corp
	secret  string
	expires time.Time
	// app is the WeChat app the token is for ("oa" a 公众号, "mini" a
	// mini-program), good for that app's API only; "" is WeCom's.
	app string
}

// authenticate finds the corp a call belongs to. A nil corp means the call
// cannot be attributed (err says why); a corp with an error means the
// corp is known but the call must fail (an expired token).
func (s *Sandbox) authenticate(q *call, kind auth) (*Corp, error) {
	switch kind {
	case authCorpID:
		return s.corpByParam(q.query("corpid"), 41002, 40013)
	case authMiniApp, authOAApp:
		return s.appByParam(q.query("appid"), kind)
	}
	value := q.query("access_token")
	if value == "" {
		return nil, fail(41001)
	}
	s.mu.Lock()
	t := s.tokens[value]
	s.mu.Unlock()
	switch {
	case t == nil && tokenApp(kind) != "":
		return nil, failf(40001, "invalid credential, access_token is invalid or not latest")
	case t == nil:
		return nil, fail(40014)
	case t.app != tokenApp(kind): // one platform's token on the other's API
		return nil, fail(40014)
	case !t.corp.Now().Before(t.expires):
		return t.corp, fail(42001)
	}
	return t.corp, nil
}

// appByParam finds the corp whose mini-program or 公众号 has appid.
func (s *Sandbox) appByParam(appid string, kind auth) (*Corp, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.apps[appid]
	if kind == authOAApp && s.oas[appid] != nil { // WeChat's token endpoint serves either kind of app
		c = s.oas[appid]
	}
	switch {
	case appid == "" && kind == authOAApp:
		return nil, failf(41002, "appid missing")
	case c == nil:
		return nil, failf(40013, "invalid appid")
	default:
		return c, nil
	}
}

func (s *Sandbox) corpByParam(id string, missing, unknown int) (*Corp, error) {
	if id == "" {
		return nil, fail(missing)
	}
	if c := s.Corp(id); c != nil {
		return c, nil
	}
	return nil, fail(unknown)
}

// gettokenResponse is gettoken's answer.
type gettokenResponse struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
}

// apiGetToken issues one token per secret and, as WeCom's older doc says,
// answers the same token until it expires (expires_in counts down).
func (c *Corp) apiGetToken(q *call) (any, error) {
	secret := q.query("corpsecret")
	if secret == "" {
		return nil, fail(41004)
	}
	if secret != c.cfg.ContactSecret && secret != c.cfg.AppSecret {
		return nil, fail(40001)
	}
	t := c.sb.tokenFor(c, secret)
	left := int(t.expires.Sub(c.Now()) / time.Second)
	return gettokenResponse{AccessToken: t.value, ExpiresIn: left}, nil
}

// tokenFor returns the live token for (corp, secret), minting one if none.
func (s *Sandbox) tokenFor(c *Corp, secret string) *token {
	now := c.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.tokens {
		if t.corp == c && t.secret == secret && now.Before(t.expires) {
			return t
		}
	}
	t := &token{value: randomToken(), corp: c, secret: secret, expires: now.Add(tokenTTL)}
	switch {
	case secret == "":
	case secret == c.cfg.OA.Secret:
		t.app = "oa"
	case secret == c.cfg.MiniAppSecret:
		t.app = "mini"
	}
	s.tokens[t.value] = t
	return t
}

// RevokeTokens invalidates every token of the corp at once, as WeCom may do
// before expiry: they answer 40014 from now on and gettoken mints new ones.
func (s *Sandbox) RevokeTokens(corpID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for v, t := range s.tokens {
		if t.corp.cfg.CorpID == corpID {
			delete(s.tokens, v)
		}
	}
}

// RevokeTokens is Sandbox.RevokeTokens for this corp.
func (c *Corp) RevokeTokens() { c.sb.RevokeTokens(c.cfg.CorpID) }

// randomToken is opaque and long, like WeCom's (the client must not parse
// it).
func randomToken() string {
	b := make([]byte, 96)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// tokenApp is the WeChat app whose token an auth kind takes ("" WeCom).
func tokenApp(kind auth) string {
	switch kind {
	case authOAToken:
		return "oa"
	case authMiniToken:
		return "mini"
	}
	return ""
}
