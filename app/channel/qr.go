package channel

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/gif"  // WeCom's CDN could answer any of these;
	_ "image/jpeg" // the download is always a PNG
	"image/png"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// QROptions say where a channel's QR image may be downloaded from. The
// URL comes from WeCom's answer and is fetched by the server, so it is
// held to an allow-list rather than trusted: https on one of Hosts, or
// under one of Bases (the sandbox's own http URL in development).
type QROptions struct {
	Hosts    []string // default DefaultQRHost
	Bases    []string
	MaxBytes int64         // default 2 MiB
	Timeout  time.Duration // default 10 s
	Client   *http.Client  // default: one with Timeout that re-checks every redirect
}

// DefaultQRHost is WeCom's image CDN, where qr_code URLs point.
const DefaultQRHost = "wework.qpic.cn"

func (o QROptions) withDefaults() QROptions {
	if len(o.Hosts) == 0 {
		o.Hosts = []string{DefaultQRHost}
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 2 << 20
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: o.Timeout}
	}
	client := *o.Client
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 3 || !o.allowed(req.URL) {
			return redirectRefused{to: req.URL.Redacted()}
		}
		return nil
	}
	o.Client = &client
	return o
}

// allowed reports whether u may be fetched.
func (o QROptions) allowed(u *url.URL) bool {
	if u.User != nil {
		return false
	}
	if u.Scheme == "https" && slices.Contains(o.Hosts, strings.ToLower(u.Hostname())) {
		return true
	}
	s := u.String()
	return slices.ContainsFunc(o.Bases, func(b string) bool { return strings.HasPrefix(s, strings.TrimRight(b, "/")+"/") })
}

// QRImage returns the PNG of the channel's QR code, downloaded from the
// URL WeCom gave for its contact way.
func (s *Service) QRImage(ctx context.Context, corpID, id int64) ([]byte, error) {
	c, err := s.Store.FindChannel(ctx, corpID, id)
	switch {
	case err != nil:
		return nil, err
	case c.Status == app.ChannelDeleted:
		return nil, app.Errorf(app.ENOTFOUND, "渠道活码已删除")
	case c.QRCode == "":
		return nil, app.Errorf(app.ECONFLICT, "渠道活码仍在创建中，还没有二维码")
	}
	return s.opts.QR.fetch(ctx, c.QRCode)
}

// fetch downloads the image at raw, at most MaxBytes, and returns it as
// PNG bytes; another image format is re-encoded.
func (o QROptions) fetch(ctx context.Context, raw string) ([]byte, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, app.Errorf(app.EUNAVAILABLE, "企业微信返回的二维码地址无效：%q", raw)
	}
	if why := o.whyNotAllowed(u); why != "" {
		return nil, app.Errorf(app.EUNAVAILABLE, "%s", why)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, app.Wrap(app.EINTERNAL, err, "")
	}
	resp, err := o.Client.Do(req)
	if err != nil {
		return nil, app.Wrap(app.EUNAVAILABLE, err, whyUnreachable(u, err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, app.Wrap(app.EUNAVAILABLE, fmt.Errorf("qr image: HTTP %d", resp.StatusCode),
			fmt.Sprintf("无法从企业微信下载二维码图片：%s 答 HTTP %d", u.Host, resp.StatusCode))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, o.MaxBytes+1))
	switch {
	case err != nil:
		return nil, app.Wrap(app.EUNAVAILABLE, err, "无法从企业微信下载二维码图片，请稍后再试")
	case int64(len(body)) > o.MaxBytes:
		return nil, app.Errorf(app.EUNAVAILABLE, "企业微信返回的二维码图片超过 %d 字节上限", o.MaxBytes)
	}
	return asPNG(resp.Header.Get("Content-Type"), body)
}

// asPNG checks body is the image its content type says and returns it as
// PNG: as it is when it already is one.
func asPNG(contentType string, body []byte) ([]byte, error) {
	bad := app.Errorf(app.EUNAVAILABLE, "企业微信返回的二维码不是有效的图片")
	media, _, _ := mime.ParseMediaType(contentType)
	if !strings.HasPrefix(media, "image/") {
		return nil, bad
	}
	img, format, err := image.Decode(bytes.NewReader(body))
	if err != nil {
		return nil, bad
	}
	if format == "png" {
		return body, nil
	}
	var out bytes.Buffer
	if err := png.Encode(&out, img); err != nil {
		return nil, app.Wrap(app.EINTERNAL, err, "")
	}
	return out.Bytes(), nil
}
