package secret

import "encoding/base64"

// LoadToken returns the API bearer token: token if set, else the content
// of the file at path, which is created with a random token when missing
// (created reports that), so the embedded default needs no set-up. With
// neither it returns "": the API then admits nobody.
func LoadToken(token, path string) (value string, created bool, err error) {
	if token != "" || path == "" {
		return token, false, nil
	}
	return fileOrCreate(path, "api token file", 24, base64.RawURLEncoding.EncodeToString)
}
