package sandbox

import (
	"net/http"
	"strings"

	"rsc.io/qr"
)

// QRPathPrefix is where the sandbox serves the QR images of its 联系我:
// GET /wwpic/{corp}/{config_id}.png. WeCom's own qr_code URLs live on
// wework.qpic.cn under /wwpic/ too, so a Siyu that downloads them follows
// the same path either way.
const QRPathPrefix = "/wwpic/"

// qrCodeURL is the qr_code a scene-2 contact way answers: on QRCodeBase
// when set (e.g. "https://wework.qpic.cn" for URLs that look like WeCom's
// and are never fetched), else on the base the API call came in on, so a
// client reaching the sandbox through any address can fetch the image.
func (c *Corp) qrCodeURL(base, configID string) string {
	if b := c.sb.opts.QRCodeBase; b != "" {
		base = b
	}
	if base == "" {
		base = c.sb.baseURL()
	}
	if base == "" { // seeded before Start: nothing better to point at
		base = "https://wework.qpic.cn"
	}
	return strings.TrimRight(base, "/") + QRPathPrefix + c.cfg.CorpID + "/" + configID + ".png"
}

// requestBase is the scheme and host r was sent to.
func requestBase(r *http.Request) string {
	if r == nil || r.Host == "" {
		return ""
	}
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// ScanURL is what a contact way's QR code encodes in the sandbox: the
// control API's view of that contact way (its state and members), where a
// person "scanning" it sees who they would add.
func ScanURL(base, corpID, configID string) string {
	return strings.TrimRight(base, "/") + ControlPrefix + "corps/" + corpID + "/contact-ways/" + configID
}

// serveQR renders the PNG of GET /wwpic/{corp}/{config_id}.png: a real QR
// code of the contact way's ScanURL, 404 for an unknown one, as WeCom's
// CDN answers a deleted code.
func (s *Sandbox) serveQR(w http.ResponseWriter, r *http.Request) {
	corpID, file, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, QRPathPrefix), "/")
	configID, ok := strings.CutSuffix(file, ".png")
	c := s.Corp(corpID)
	if !ok || c == nil || r.Method != http.MethodGet || !c.hasQRCode(configID) {
		http.NotFound(w, r)
		return
	}
	code, err := qr.Encode(ScanURL(requestBase(r), corpID, configID), qr.M)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	_, _ = w.Write(code.PNG())
}

// hasQRCode reports whether configID is a contact way or a join way, the
// two configs whose QR code the sandbox draws.
func (c *Corp) hasQRCode(configID string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.st.ext.contactWays[configID] != nil || c.st.ext.joinWays[configID] != nil
}

// controlContactWay answers one contact way as the API's get_contact_way
// would, for the scan URL its QR code encodes.
func (s *Sandbox) controlContactWay(w http.ResponseWriter, r *http.Request) {
	c := s.controlCorpOf(w, r)
	if c == nil {
		return
	}
	c.mu.Lock()
	cw := c.st.ext.contactWays[r.PathValue("id")]
	var out ContactWay
	if cw != nil {
		out = copyContactWay(cw)
	}
	c.mu.Unlock()
	if cw == nil {
		controlError(w, http.StatusNotFound, "not_found", "没有这个联系我 (no such contact way): "+r.PathValue("id"))
		return
	}
	writeControl(w, http.StatusOK, out)
}
