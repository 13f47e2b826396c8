package wecom

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"

	"github.com/silenceper/wechat/v2/util"
)

// Crypter signs, verifies, encrypts and decrypts WeCom callback payloads for
// one receiver (a corp id for a self-built app). The AES and padding work is
// the SDK's; the checks around it are ours, because the SDK's callback
// helpers neither verify signatures nor compare in constant time.
type Crypter struct {
	token     string
	aesKey    string
	receiveID string
}

// NewCrypter checks the EncodingAESKey (43 base64 characters decoding to a
// 32-byte AES key) so a mistyped key fails at configuration, not on the
// first callback.
func NewCrypter(token, encodingAESKey, receiveID string) (*Crypter, error) {
	if token == "" || receiveID == "" {
		return nil, fmt.Errorf("wecom crypto: token and receive id are required")
	}
	key, err := base64.StdEncoding.DecodeString(encodingAESKey + "=")
	if len(encodingAESKey) != 43 || err != nil || len(key) != 32 {
		return nil, fmt.Errorf("wecom crypto: EncodingAESKey must be 43 characters of base64 decoding to 32 bytes")
	}
	return &Crypter{token: token, aesKey: encodingAESKey, receiveID: receiveID}, nil
}

// Signature is WeCom's msg_signature: the SHA-1 of token, timestamp, nonce
// and ciphertext, sorted and joined.
func (c *Crypter) Signature(timestamp, nonce, encrypted string) string {
	return util.Signature(c.token, timestamp, nonce, encrypted)
}

// Verify reports whether signature matches, in constant time so a forger
// learns nothing from response timing.
func (c *Crypter) Verify(signature, timestamp, nonce, encrypted string) bool {
	want := c.Signature(timestamp, nonce, encrypted)
	return subtle.ConstantTimeCompare([]byte(want), []byte(signature)) == 1
}

// Decrypt opens a ciphertext and checks it was sealed for this receiver.
func (c *Crypter) Decrypt(encrypted string) ([]byte, error) {
	_, msg, err := util.DecryptMsg(c.receiveID, encrypted, c.aesKey)
	if err != nil {
		return nil, fmt.Errorf("wecom crypto: decrypt: %w", err)
	}
	return msg, nil
}

// Encrypt seals msg for this receiver with fresh random bytes, as WeCom does
// for every delivery (so a retry may carry a different ciphertext).
func (c *Crypter) Encrypt(msg []byte) (string, error) {
	random := make([]byte, 16)
	if _, err := rand.Read(random); err != nil {
		return "", err
	}
	return c.encrypt(random, msg)
}

func (c *Crypter) encrypt(random, msg []byte) (string, error) {
	out, err := util.EncryptMsg(random, msg, c.receiveID, c.aesKey)
	if err != nil {
		return "", fmt.Errorf("wecom crypto: encrypt: %w", err)
	}
	return string(out), nil
}
