package wecom

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The official WeCom sample-code vectors (see shared/wecom/REFERENCE.md §1.3).
const (
	vecToken  = "QDG6eK"
	vecCorpID = "wx5823bf96d3bd56c7"
	vecAESKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"

	vecGetSig     = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
	vecGetTS      = "1409659589"
	vecGetNonce   = "263014780"
	vecGetEchostr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="

	vecPostSig   = "477715d11cdb4164915debcba66cb864d751f3e6"
	vecPostTS    = "1409659813"
	vecPostNonce = "1372623149"
	vecPostEnc   = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q=="
	vecPostPlain = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n" +
		"<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n" +
		"<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>"
)

func vectorCrypter(t *testing.T) *Crypter {
	c, err := NewCrypter(vecToken, vecAESKey, vecCorpID)
	require.NoError(t, err)
	return c
}

func TestOfficialVectorsDecrypt(t *testing.T) {
	c := vectorCrypter(t)
	t.Run("URLVerification", func(t *testing.T) {
		assert.True(t, c.Verify(vecGetSig, vecGetTS, vecGetNonce, vecGetEchostr))
		msg, err := c.Decrypt(vecGetEchostr)
		require.NoError(t, err)
		assert.Equal(t, "1616140317555161061", string(msg))
	})
	t.Run("Event", func(t *testing.T) {
		assert.True(t, c.Verify(vecPostSig, vecPostTS, vecPostNonce, vecPostEnc))
		msg, err := c.Decrypt(vecPostEnc)
		require.NoError(t, err)
		assert.Equal(t, vecPostPlain, string(msg))
	})
}

// Encrypting the vector's plaintext with the vector's own random bytes must
// give the official ciphertext byte for byte, and its official signature.
func TestOfficialVectorsEncrypt(t *testing.T) {
	c := vectorCrypter(t)
	for name, v := range map[string]struct{ enc, plain, sig, ts, nonce string }{
		"URLVerification": {vecGetEchostr, "1616140317555161061", vecGetSig, vecGetTS, vecGetNonce},
		"Event":           {vecPostEnc, vecPostPlain, vecPostSig, vecPostTS, vecPostNonce},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := c.encrypt(randomOf(t, v.enc), []byte(v.plain))
			require.NoError(t, err)
			assert.Equal(t, v.enc, got)
			assert.Equal(t, v.sig, c.Signature(v.ts, v.nonce, got))
		})
	}
}

func TestRoundTripAndRejections(t *testing.T) {
	c := vectorCrypter(t)
	enc1, err := c.Encrypt([]byte("<xml>同一事件</xml>"))
	require.NoError(t, err)
	enc2, err := c.Encrypt([]byte("<xml>同一事件</xml>"))
	require.NoError(t, err)
	assert.NotEqual(t, enc1, enc2, "each delivery is sealed with fresh random bytes")
	msg, err := c.Decrypt(enc2)
	require.NoError(t, err)
	assert.Equal(t, "<xml>同一事件</xml>", string(msg))

	assert.False(t, c.Verify(strings.Repeat("0", 40), vecPostTS, vecPostNonce, vecPostEnc), "forged signature")
	assert.False(t, c.Verify(vecPostSig, "1409659814", vecPostNonce, vecPostEnc), "tampered timestamp")

	other, err := NewCrypter(vecToken, vecAESKey, "ww_other_corp")
	require.NoError(t, err)
	_, err = other.Decrypt(vecPostEnc)
	assert.Error(t, err, "a message sealed for another receiver is refused")
	_, err = c.Decrypt("not base64 at all!")
	assert.Error(t, err)
	_, err = c.Decrypt(base64.StdEncoding.EncodeToString([]byte("short")))
	assert.Error(t, err)
}

func TestNewCrypterValidatesKey(t *testing.T) {
	for _, key := range []string{"", "short", vecAESKey + "x", strings.Repeat("!", 43)} {
		_, err := NewCrypter(vecToken, key, vecCorpID)
		assert.Error(t, err, "key %q", key)
	}
	_, err := NewCrypter("", vecAESKey, vecCorpID)
	assert.Error(t, err)
}

// randomOf recovers the 16 random bytes a vector was sealed with.
func randomOf(t *testing.T, enc string) []byte {
	c := vectorCrypter(t)
	_ = c
	random, _, err := decryptWithRandom(vecCorpID, enc, vecAESKey)
	require.NoError(t, err)
	return random
}
