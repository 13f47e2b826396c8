// Package secret seals values that must not sit in the database in clear:
// WeCom secrets and tokens now, phone numbers later. AES-256-GCM with one
// deployment key; each sealed value carries a version prefix so the scheme
// can change without guessing what old rows hold.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const prefix = "v1:"

// KeySize is the length of a deployment key in bytes.
const KeySize = 32

// Box seals and opens values with the deployment key, and computes blind
// indexes with a key derived from it.
type Box struct {
	aead     cipher.AEAD
	indexKey []byte
}

// New returns a Box for a 32-byte key.
func New(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("secret key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	indexKey, err := newIndexKey(key)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead, indexKey: indexKey}, nil
}

// Seal encrypts plain with a fresh nonce. The empty string stays empty, so
// an unset secret reads as unset rather than as ciphertext of nothing.
func (b *Box) Seal(plain string) (string, error) {
	if plain == "" {
		return "", nil
	}
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	out := b.aead.Seal(nonce, nonce, []byte(plain), nil)
	return prefix + base64.RawStdEncoding.EncodeToString(out), nil
}

// Open decrypts a value made by Seal. A value sealed with another key, or
// altered, is an error, never garbage.
func (b *Box) Open(sealed string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	raw, ok := strings.CutPrefix(sealed, prefix)
	if !ok {
		return "", errors.New("secret: unknown format")
	}
	data, err := base64.RawStdEncoding.DecodeString(raw)
	n := b.aead.NonceSize()
	if err != nil || len(data) < n {
		return "", errors.New("secret: corrupt value")
	}
	plain, err := b.aead.Open(nil, data[:n], data[n:], nil)
	if err != nil {
		return "", errors.New("secret: cannot open (wrong key or altered value)")
	}
	return string(plain), nil
}

// LoadKey returns the deployment key: from encoded (base64, normally
// SIYU_SECURITY_SECRET_KEY) if set, else from the file at path, which is
// created with a random key when missing so the embedded default needs no
// set-up. With neither, it is an error: production must bring its key.
func LoadKey(encoded, path string) ([]byte, error) {
	if encoded != "" {
		key, err := base64.StdEncoding.DecodeString(encoded)
		if err != nil || len(key) != KeySize {
			return nil, fmt.Errorf("security.secret_key must be %d bytes, base64-encoded", KeySize)
		}
		return key, nil
	}
	if path == "" {
		return nil, errors.New("no secret key: set SIYU_SECURITY_SECRET_KEY (32 random bytes, base64)")
	}
	return keyFile(path)
}

func keyFile(path string) ([]byte, error) {
	enc, _, err := fileOrCreate(path, "secret key file", KeySize, base64.StdEncoding.EncodeToString)
	if err != nil {
		return nil, err
	}
	return LoadKey(enc, "")
}

// LoadBox is LoadKey followed by New: the Box every process seals and
// opens corp secrets with.
func LoadBox(encoded, path string) (*Box, error) {
	key, err := LoadKey(encoded, path)
	if err != nil {
		return nil, err
	}
	return New(key)
}

// fileOrCreate returns the trimmed content of the file at path, creating
// it (mode 0600, directories 0700) with n random bytes in encode's form
// when it is missing; created says which. what names the file in errors.
func fileOrCreate(path, what string, n int, encode func([]byte) string) (value string, created bool, err error) {
	data, err := os.ReadFile(path)
	if err == nil {
		if value = strings.TrimSpace(string(data)); value == "" {
			return "", false, fmt.Errorf("%s %s is empty", what, path)
		}
		return value, false, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return "", false, fmt.Errorf("%s: %w", what, err)
	}
	raw := make([]byte, n)
	if _, err := rand.Read(raw); err != nil {
		return "", false, err
	}
	value = encode(raw)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", false, fmt.Errorf("%s: %w", what, err)
	}
	if err := os.WriteFile(path, []byte(value+"\n"), 0o600); err != nil {
		return "", false, fmt.Errorf("%s: %w", what, err)
	}
	return value, true, nil
}
