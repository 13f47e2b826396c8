package sandbox

import (
	"net/http"

	"rsc.io/qr"
)

// OAQRPath is where the sandbox serves 公众号 QR images, as
// mp.weixin.qq.com does: GET /cgi-bin/showqrcode?ticket=, no token.
const OAQRPath = "/cgi-bin/showqrcode"

// serveOAQR renders the PNG of a ticket's code: a real QR code of the url
// qrcode/create answered; 404 for an unknown ticket or an expired
// temporary code.
func (s *Sandbox) serveOAQR(w http.ResponseWriter, r *http.Request) {
	code, ok := s.oaCode(r.URL.Query().Get("ticket"))
	if !ok || r.Method != http.MethodGet {
		http.NotFound(w, r)
		return
	}
	png, err := qr.Encode(code.URL, qr.M)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	_, _ = w.Write(png.PNG())
}

// oaCode finds the live code with ticket among every corp's 公众号.
func (s *Sandbox) oaCode(ticket string) (OAQRCode, bool) {
	s.mu.Lock()
	corps := s.corpList()
	s.mu.Unlock()
	for _, c := range corps {
		c.mu.Lock()
		code := c.oa.codes[ticket]
		live := code != nil && (code.ExpiresAt.IsZero() || c.Now().Before(code.ExpiresAt))
		var out OAQRCode
		if live {
			out = *code
		}
		c.mu.Unlock()
		if live {
			return out, true
		}
	}
	return OAQRCode{}, false
}
