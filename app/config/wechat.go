package config

// WeChat configures the corps' 公众号: how many permanent parametric QR
// codes one account may have (WeChat allows 100,000 and never gives one
// back, so a deployment may keep a reserve below that), and how long a
// temporary one (a guide's, by default) lives unless asked otherwise.
type WeChat struct {
	PermanentQRCap  int `koanf:"permanent_qr_cap"`
	TemporaryQRDays int `koanf:"temporary_qr_days"`
}

func (w WeChat) validate(bad reporter) {
	if w.PermanentQRCap < 1 || w.PermanentQRCap > 100_000 {
		bad("wechat.permanent_qr_cap", "want 1 to 100000 (WeChat's own limit per account), got %d", w.PermanentQRCap)
	}
	if w.TemporaryQRDays < 1 || w.TemporaryQRDays > 30 {
		bad("wechat.temporary_qr_days", "want 1 to 30 (WeChat's longest), got %d", w.TemporaryQRDays)
	}
}
