package sandbox

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// verifyTimeout is how long WeCom waits for the echo ("在1秒内响应").
const verifyTimeout = time.Second

// VerifyCallbackURL does what the admin console does when the receive URL
// is saved: a GET with an encrypted echostr, which must be answered within
// a second with the decrypted text, nothing else.
func (c *Corp) VerifyCallbackURL(ctx context.Context) error {
	target := c.Config().CallbackURL
	if target == "" {
		return fmt.Errorf("sandbox: verify callback url: none set")
	}
	echo := randomNonce() + randomNonce()
	enc, err := c.crypter.Encrypt([]byte(echo))
	if err != nil {
		return fmt.Errorf("sandbox: verify callback url: %w", err)
	}
	ts, nonce := strconv.FormatInt(c.Now().Unix(), 10), randomNonce()
	q := url.Values{"msg_signature": {c.crypter.Signature(ts, nonce, enc)}, "timestamp": {ts},
		"nonce": {nonce}, "echostr": {enc}}
	got, err := c.getEcho(ctx, withQuery(target, q))
	if err != nil {
		return fmt.Errorf("sandbox: verify callback url: %w", err)
	}
	if got != echo {
		return fmt.Errorf("sandbox: verify callback url: answered %q, want the decrypted echostr %q", got, echo)
	}
	return nil
}

func (c *Corp) getEcho(ctx context.Context, target string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, verifyTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return "", err
	}
	resp, err := c.sb.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	return string(body), nil
}
