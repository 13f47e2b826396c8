package wecom

import (
	"crypto/subtle"

	"github.com/silenceper/wechat/v2/util"
)

// PlainSignature is a 公众号's signature: the SHA-1 of the token, timestamp
// and nonce, sorted and joined. URL verification and plain-mode
// deliveries carry it; unlike msg_signature it does not cover the body.
func (c *Crypter) PlainSignature(timestamp, nonce string) string {
	return util.Signature(c.token, timestamp, nonce)
}

// VerifyPlain reports whether signature is the plain signature of
// timestamp and nonce, in constant time.
func (c *Crypter) VerifyPlain(signature, timestamp, nonce string) bool {
	want := c.PlainSignature(timestamp, nonce)
	return subtle.ConstantTimeCompare([]byte(want), []byte(signature)) == 1
}
