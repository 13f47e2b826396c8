package sandbox

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// callbackURL is where ev goes: the 公众号's server for its events, the
// corp's receive-event URL for WeCom's.
func (c *Corp) callbackURL(ev Event) string {
	cfg := c.Config()
	if ev.OA {
		return cfg.OA.CallbackURL
	}
	return cfg.CallbackURL
}

// oaEnvelope is a safe-mode 公众号 POST body: the account's original id and
// the ciphertext (no AgentID, unlike WeCom's).
type oaEnvelope struct {
	XMLName    xml.Name `xml:"xml"`
	ToUserName cdata    `xml:"ToUserName"`
	Encrypt    cdata    `xml:"Encrypt"`
}

// oaAttempt seals and POSTs a 公众号 event once, as WeChat does: the query
// carries signature (token, timestamp, nonce), the follower's openid and,
// in safe mode, encrypt_type=aes and msg_signature over the ciphertext,
// which fresh random bytes make differ on every attempt. The timestamp is
// the attempt's wall-clock time, as WeCom's deliveries are.
func (c *Corp) oaAttempt(ctx context.Context, target string, ev Event, timeout time.Duration) Attempt {
	oa := c.OA()
	a := Attempt{At: time.Now(), Nonce: randomNonce()}
	ts := strconv.FormatInt(a.At.Unix(), 10)
	q := url.Values{"signature": {c.oaCrypter.PlainSignature(ts, a.Nonce)}, "timestamp": {ts}, "nonce": {a.Nonce},
		"openid": {oaOpenIDOf(ev)}}
	body := []byte(ev.XML)
	a.Signature = q.Get("signature")
	if !oa.PlainMode {
		enc, err := c.oaCrypter.Encrypt([]byte(ev.XML))
		if err != nil {
			a.Err = err.Error()
			return a
		}
		a.Encrypt = enc
		q.Set("encrypt_type", "aes")
		a.Signature = c.oaCrypter.Signature(ts, a.Nonce, enc)
		q.Set("msg_signature", a.Signature)
		body, _ = xml.Marshal(oaEnvelope{ToUserName: cdata{oa.OriginalID}, Encrypt: cdata{enc}})
	}
	var err error
	a.StatusCode, a.Answer, err = c.post(ctx, withQuery(target, q), body, timeout)
	if err != nil {
		a.Err = err.Error()
	}
	return a
}

// oaOpenIDOf reads the follower's openid back from an event's XML.
func oaOpenIDOf(ev Event) string {
	var v struct {
		From string `xml:"FromUserName"`
	}
	_ = xml.Unmarshal([]byte(ev.XML), &v)
	return v.From
}

// VerifyOACallbackURL is the 公众平台 checking the server configuration, as
// it does when an admin saves it: a GET with signature, timestamp, nonce
// and echostr, which the server must answer with the echostr as it is.
func (c *Corp) VerifyOACallbackURL(ctx context.Context) error {
	target := c.OA().CallbackURL
	if target == "" {
		return fmt.Errorf("sandbox: verify 公众号 url: none set")
	}
	echo := randomNonce() + randomNonce()
	ts, nonce := strconv.FormatInt(time.Now().Unix(), 10), randomNonce()
	q := url.Values{"signature": {c.oaCrypter.PlainSignature(ts, nonce)}, "timestamp": {ts}, "nonce": {nonce}, "echostr": {echo}}
	got, err := c.getEcho(ctx, withQuery(target, q))
	if err != nil {
		return fmt.Errorf("sandbox: verify 公众号 url: %w", err)
	}
	if got != echo {
		return fmt.Errorf("sandbox: verify 公众号 url: answered %q, want the echostr %q", got, echo)
	}
	return nil
}
