package wecom

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/silenceper/wechat/v2/util"
)

// Default API hosts, used when the configuration leaves them empty.
const (
	DefaultAPIBase  = "https://qyapi.weixin.qq.com"
	DefaultMiniBase = "https://api.weixin.qq.com"
	// DefaultMPBase serves the 公众号's QR images (showqrcode). It has no
	// setting of its own: it follows miniBase, which stands for WeChat's
	// servers as a whole (a sandbox playing WeChat serves both).
	DefaultMPBase = "https://mp.weixin.qq.com"
)

// Install points the SDK at apiBase (WeCom's qyapi host, the sandbox or a
// customer's egress proxy) and miniBase (WeChat's API host, for the
// mini-program and the 公众号; mp.weixin.qq.com's QR images follow it
// when it is not WeChat's own), and makes
// every SDK request go through httpClient (NewHTTPClient when nil).
//
// The SDK keeps both settings in process-wide variables, so Install is
// process-wide too: call it once, before any Client is used — from
// cmd/siyu at start-up and from TestMain in a test binary — and never
// concurrently with requests. Empty bases mean the real hosts.
func Install(apiBase, miniBase string, httpClient *http.Client) error {
	rewrite, err := newRewriter(apiBase, miniBase)
	if err != nil {
		return err
	}
	if httpClient == nil {
		httpClient = NewHTTPClient(DefaultHTTPTimeout)
	}
	util.SetURIModifier(rewrite.apply)
	util.DefaultHTTPClient = withStatusErrors(httpClient)
	return nil
}

// rewriter swaps the SDK's hard-coded hosts for the configured ones.
type rewriter struct{ api, mini, mp string }

func newRewriter(apiBase, miniBase string) (rewriter, error) {
	api, err := cleanBase("api_base", apiBase, DefaultAPIBase)
	if err != nil {
		return rewriter{}, err
	}
	mini, err := cleanBase("mini_base", miniBase, DefaultMiniBase)
	mp := DefaultMPBase
	if mini != DefaultMiniBase {
		mp = mini
	}
	return rewriter{api: api, mini: mini, mp: mp}, err
}

func (r rewriter) apply(uri string) string {
	if rest, ok := strings.CutPrefix(uri, DefaultAPIBase); ok {
		return r.api + rest
	}
	if rest, ok := strings.CutPrefix(uri, DefaultMiniBase); ok {
		return r.mini + rest
	}
	if rest, ok := strings.CutPrefix(uri, DefaultMPBase); ok {
		return r.mp + rest
	}
	return uri
}

// cleanBase checks base is an absolute http(s) URL and drops a trailing
// slash, so a proxy path prefix ("https://proxy/wecom") keeps working.
func cleanBase(name, base, fallback string) (string, error) {
	if base == "" {
		return fallback, nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return "", fmt.Errorf("wecom %s %q: want an absolute http(s) URL without query", name, base)
	}
	return strings.TrimRight(base, "/"), nil
}
