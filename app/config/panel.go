package config

import (
	"encoding/base64"
	"net/url"
	"time"
)

// Panel configures the WeCom chat side panel (侧边栏): where WeCom's client
// reaches Siyu, where OAuth starts, and the guide's session.
type Panel struct {
	// PublicURL is Siyu's address as WeCom's client reaches it (under the
	// app's trusted domain). OAuth returns there and JS-SDK signatures are
	// given only for pages under it. Empty: outside production, the
	// address Siyu listens on; in production, no panel.
	PublicURL string `koanf:"public_url"`
	// OAuthAuthorizeURL is WeCom's OAuth authorize page; REFERENCE.md does
	// not confirm it, hence configuration.
	OAuthAuthorizeURL string        `koanf:"oauth_authorize_url"`
	SessionTTL        time.Duration `koanf:"session_ttl"`
	// SessionKey signs session cookies (32 bytes, base64); empty derives
	// one from the deployment key.
	SessionKey string `koanf:"session_key"`
	// JSSDKURL is the WeCom JS-SDK script the pages load; empty loads none
	// and the pages use their browser stand-in.
	JSSDKURL string `koanf:"jssdk_url"`
}

// maxSessionTTL bounds a guide's session: a lost phone must not stay
// signed in for long.
const maxSessionTTL = 7 * 24 * time.Hour

func (p Panel) validate(env string, bad reporter) {
	checkURL := func(key, v string, required bool) {
		u, err := url.Parse(v)
		switch {
		case v == "" && !required:
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "":
			bad(key, "want an absolute http(s) URL without query, got %q", v)
		case env == EnvProduction && u.Scheme != "https" && key == "panel.public_url":
			bad(key, "must be https in production (the session cookie is Secure)")
		}
	}
	checkURL("panel.public_url", p.PublicURL, false)
	checkURL("panel.oauth_authorize_url", p.OAuthAuthorizeURL, true)
	checkURL("panel.jssdk_url", p.JSSDKURL, false)
	if p.SessionTTL < time.Minute || p.SessionTTL > maxSessionTTL {
		bad("panel.session_ttl", "must be between 1m and %s", maxSessionTTL)
	}
	if key, err := base64.StdEncoding.DecodeString(p.SessionKey); p.SessionKey != "" && (err != nil || len(key) != 32) {
		bad("panel.session_key", "must be 32 bytes, base64-encoded")
	}
}
