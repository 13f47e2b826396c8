package secret_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/secret"
)

func box(t *testing.T, fill byte) *secret.Box {
	b, err := secret.New([]byte(strings.Repeat(string(fill), secret.KeySize)))
	require.NoError(t, err)
	return b
}

func TestSealOpen(t *testing.T) {
	b := box(t, 'k')
	s1, err := b.Seal("corp-secret-值")
	require.NoError(t, err)
	s2, err := b.Seal("corp-secret-值")
	require.NoError(t, err)
	assert.NotEqual(t, s1, s2, "fresh nonce each time")
	assert.NotContains(t, s1, "corp-secret")
	got, err := b.Open(s1)
	require.NoError(t, err)
	assert.Equal(t, "corp-secret-值", got)

	empty, err := b.Seal("")
	require.NoError(t, err)
	assert.Equal(t, "", empty)

	_, err = box(t, 'x').Open(s1)
	assert.Error(t, err, "another key cannot open it")
	// Change one character in the middle (the last ones may carry only
	// base64 padding bits, which decoding ignores).
	mid := len(s1) / 2
	flip := byte('A')
	if s1[mid] == 'A' {
		flip = 'B'
	}
	tampered := s1[:mid] + string(flip) + s1[mid+1:]
	_, err = b.Open(tampered)
	assert.Error(t, err, "a tampered ciphertext fails authentication")
	_, err = b.Open("plaintext")
	assert.Error(t, err)
}

func TestLoadKey(t *testing.T) {
	raw := []byte(strings.Repeat("z", secret.KeySize))
	key, err := secret.LoadKey(base64.StdEncoding.EncodeToString(raw), "")
	require.NoError(t, err)
	assert.Equal(t, raw, key)

	_, err = secret.LoadKey("c2hvcnQ=", "")
	assert.Error(t, err, "a short key is refused")
	_, err = secret.LoadKey("", "")
	assert.Error(t, err, "production without a key is refused")

	path := filepath.Join(t.TempDir(), "var", "secret.key")
	k1, err := secret.LoadKey("", path)
	require.NoError(t, err)
	k2, err := secret.LoadKey("", path)
	require.NoError(t, err)
	assert.Equal(t, k1, k2, "the generated key is kept and reused")
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}

// A blind index finds equal values, tells kinds and keys apart, and is
// not the plain hash anyone could compute without the key.
func TestIndex(t *testing.T) {
	a, b := box(t, 'a'), box(t, 'b')
	require.Equal(t, a.Index("phone", "13800138000"), a.Index("phone", "13800138000"))
	require.NotEqual(t, a.Index("phone", "13800138000"), a.Index("phone", "13800138001"))
	require.NotEqual(t, a.Index("phone", "13800138000"), a.Index("email", "13800138000"))
	require.NotEqual(t, a.Index("phone", "13800138000"), b.Index("phone", "13800138000"))
	plain := sha256.Sum256([]byte("13800138000"))
	require.NotEqual(t, hex.EncodeToString(plain[:]), a.Index("phone", "13800138000"))
	require.Empty(t, a.Index("phone", ""))
}
