package secret_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/secret"
)

func TestLoadToken(t *testing.T) {
	path := filepath.Join(t.TempDir(), "var", "api.token")
	tok, created, err := secret.LoadToken("", path)
	require.NoError(t, err)
	assert.True(t, created)
	assert.Len(t, tok, 32, "24 random bytes, base64url")
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "readable by the owner only")

	again, created, err := secret.LoadToken("", path)
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, tok, again, "the same token after a restart")

	given, _, err := secret.LoadToken("from-env-0123456789", path)
	require.NoError(t, err)
	assert.Equal(t, "from-env-0123456789", given, "a configured token wins over the file")

	none, _, err := secret.LoadToken("", "")
	require.NoError(t, err)
	assert.Empty(t, none, "no token and no file: the API admits nobody")
}
