package config

import (
	"strings"
	"time"
)

// Channels configures channel codes (渠道活码): where the server may
// download their QR images from. The image URL comes from WeCom's answer
// and is fetched by the server, so it is held to an allow-list.
type Channels struct {
	// QRHosts are the hosts QR images are downloaded from, over https only.
	QRHosts []string `koanf:"qr_hosts"`
	// QRMaxBytes caps one QR image.
	QRMaxBytes int64 `koanf:"qr_max_bytes"`
	// QRTimeout bounds one download.
	QRTimeout time.Duration `koanf:"qr_timeout"`
}

func (c Channels) validate(bad reporter) {
	if len(c.QRHosts) == 0 {
		bad("channels.qr_hosts", "empty: no QR image could be downloaded (WeCom's is wework.qpic.cn)")
	}
	for _, h := range c.QRHosts {
		if h == "" || strings.ContainsAny(h, "/:@ ") {
			bad("channels.qr_hosts", "want host names like wework.qpic.cn, got %q", h)
		}
	}
	if c.QRMaxBytes <= 0 {
		bad("channels.qr_max_bytes", "must be positive")
	}
	if c.QRTimeout <= 0 {
		bad("channels.qr_timeout", "must be positive")
	}
}
