package secret

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// LoadToken returns the API bearer token: token if set, else the content
// of the file at path, which is created with a random token when missing
// (created reports that), so the embedded default needs no set-up. With
// neither it returns "": the API then admits nobody.
func LoadToken(token, path string) (value string, created bool, err error) {
	if token != "" || path == "" {
		return token, false, nil
	}
	data, err := os.ReadFile(path)
	if err == nil {
		if value = strings.TrimSpace(string(data)); value == "" {
			return "", false, fmt.Errorf("api token file %s is empty", path)
		}
		return value, false, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return "", false, fmt.Errorf("api token file: %w", err)
	}
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return "", false, err
	}
	value = base64.RawURLEncoding.EncodeToString(raw)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", false, fmt.Errorf("api token file: %w", err)
	}
	if err := os.WriteFile(path, []byte(value+"\n"), 0o600); err != nil {
		return "", false, fmt.Errorf("api token file: %w", err)
	}
	return value, true, nil
}
