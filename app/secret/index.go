package secret

import (
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// indexInfo names what the index key is derived for, so that it can
// never equal the sealing key or any other key derived from the
// deployment key.
const indexInfo = "siyu blind index v1"

// newIndexKey derives the blind-index key from the deployment key.
func newIndexKey(key []byte) ([]byte, error) {
	return hkdf.Key(sha256.New, key, nil, indexInfo, 32)
}

// Index is the keyed blind index of value as a kind of key ("phone"): the
// same value always gives the same index, so a sealed column can be
// looked up by equality, while without the deployment key the index says
// nothing about the value (a phone number's 10^11 candidates cannot be
// tried offline, as they could against a plain hash).
func (b *Box) Index(kind, value string) string {
	if value == "" {
		return ""
	}
	m := hmac.New(sha256.New, b.indexKey)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}
