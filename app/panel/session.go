package panel

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Signer makes and checks the panel's cookies: a payload in the clear
// (nothing secret is in it) with an HMAC-SHA256 over a purpose label and
// the payload, so a session cookie can never pass for a login state or
// the other way round, and nothing needs storing server-side.
type Signer struct {
	key []byte
	now func() time.Time
}

// NewSigner returns a signer with key (32 bytes or more).
func NewSigner(key []byte) *Signer { return &Signer{key: key, now: time.Now} }

// DeriveKey derives the session key from the deployment key, so the
// panel needs no secret of its own; rotating the deployment key signs
// every guide out.
func DeriveKey(deploymentKey []byte) []byte {
	m := hmac.New(sha256.New, deploymentKey)
	m.Write([]byte("siyu/panel/session-key/v1"))
	return m.Sum(nil)
}

// envelope is what is signed: the payload and its expiry.
type envelope struct {
	Exp int64           `json:"e"`
	Val json.RawMessage `json:"v"`
}

// Sign returns the signed value of payload for purpose, valid for ttl.
func (s *Signer) Sign(purpose string, payload any, ttl time.Duration) (string, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return "", err
	}
	body, err := json.Marshal(envelope{Exp: s.now().Add(ttl).Unix(), Val: raw})
	if err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding.EncodeToString(body)
	return enc + "." + base64.RawURLEncoding.EncodeToString(s.mac(purpose, enc)), nil
}

// Open checks value was signed for purpose and has not expired, and reads
// its payload into dst.
func (s *Signer) Open(purpose, value string, dst any) error {
	enc, sig, ok := strings.Cut(value, ".")
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if !ok || err != nil || !hmac.Equal(got, s.mac(purpose, enc)) {
		return app.Errorf(app.EUNAUTHORIZED, "登录已失效，请重新登录")
	}
	body, err := base64.RawURLEncoding.DecodeString(enc)
	var e envelope
	if err != nil || json.Unmarshal(body, &e) != nil {
		return app.Errorf(app.EUNAUTHORIZED, "登录已失效，请重新登录")
	}
	if s.now().Unix() >= e.Exp {
		return app.Errorf(app.EUNAUTHORIZED, "登录已过期，请重新登录")
	}
	if err := json.Unmarshal(e.Val, dst); err != nil {
		return app.Errorf(app.EUNAUTHORIZED, "登录已失效，请重新登录")
	}
	return nil
}

func (s *Signer) mac(purpose, enc string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(purpose + "\x00" + enc))
	return m.Sum(nil)
}
