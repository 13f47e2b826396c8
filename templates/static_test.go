package templates_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/templates"
)

// TestVendoredAssetsMatchTheirPins checks every vendored file the binary
// serves against the sha256 its README row pins, so an upgrade or an
// accidental edit shows up here rather than in a browser.
func TestVendoredAssetsMatchTheirPins(t *testing.T) {
	readme, err := os.ReadFile("static/README.md")
	require.NoError(t, err)
	rows := regexp.MustCompile("(?m)^\\| `([^`]+)` \\|.*sha256 `([0-9a-f]{64})`").FindAllStringSubmatch(string(readme), -1)
	require.NotEmpty(t, rows, "the README pins at least htmx")
	for _, r := range rows {
		body, err := fs.ReadFile(templates.Static(), r[1])
		require.NoError(t, err, "%s is listed but not embedded", r[1])
		sum := sha256.Sum256(body)
		assert.Equal(t, r[2], hex.EncodeToString(sum[:]), r[1])
	}
}
