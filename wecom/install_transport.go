package wecom

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// DefaultHTTPTimeout bounds one WeCom request from dial to the last byte.
// The SDK's calls take no context, so this is also what stops a hung
// request when a caller's context is cancelled.
const DefaultHTTPTimeout = 15 * time.Second

// NewHTTPClient returns a client with bounded dial, TLS, header and total
// times and a connection pool sized for a busy worker.
func NewHTTPClient(timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           dialer.DialContext,
			ForceAttemptHTTP2:     true,
			TLSHandshakeTimeout:   5 * time.Second,
			ResponseHeaderTimeout: timeout,
			MaxIdleConns:          128,
			MaxIdleConnsPerHost:   64,
			IdleConnTimeout:       90 * time.Second,
		},
	}
}

// StatusError is an HTTP error status from WeCom or a proxy in front of it.
// WeCom itself answers 200 with an errcode, so a status error means the
// path to WeCom is failing; 5xx is retried.
type StatusError struct {
	StatusCode int
}

// Error names the status.
func (e *StatusError) Error() string {
	return fmt.Sprintf("http status %d", e.StatusCode)
}

// withStatusErrors returns a copy of c whose transport turns HTTP error
// statuses into *StatusError. The SDK reports them only as text (with the
// access token in it), which could be neither classified nor logged.
func withStatusErrors(c *http.Client) *http.Client {
	out := *c
	base := out.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	out.Transport = statusTransport{base: base}
	return &out
}

type statusTransport struct{ base http.RoundTripper }

func (t statusTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil || resp.StatusCode < http.StatusBadRequest {
		return resp, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	return nil, &StatusError{StatusCode: resp.StatusCode}
}
