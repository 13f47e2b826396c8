package wechat

import (
	"bytes"
	"context"
	"image"
	_ "image/gif"  // WeChat's image service could answer any of these;
	_ "image/jpeg" // the download is always a PNG
	"image/png"

	"github.com/siyu-scrm/siyu/app"
)

// QRImage returns the PNG of the corp's code id, downloaded from WeChat
// by its ticket. A code still being made, one WeChat never confirmed, and
// a temporary code past its expiry have no image.
func (s *Service) QRImage(ctx context.Context, corpID, id int64) ([]byte, error) {
	q, err := s.Codes.FindQRCode(ctx, corpID, id)
	switch {
	case err != nil:
		return nil, err
	case q.Status != app.WeChatQRActive:
		return nil, app.Errorf(app.ECONFLICT, "二维码未创建成功，没有图片")
	case q.Expired(s.now()):
		return nil, app.Errorf(app.ECONFLICT, "临时二维码已于 %s（UTC）过期", q.ExpiresAt.Format("2006-01-02 15:04"))
	}
	acc, err := s.Accounts.Client(ctx, corpID, q.AppID)
	if err != nil {
		return nil, err
	}
	body, err := acc.QRImage(ctx, q.Ticket)
	if err != nil {
		return nil, err
	}
	return asPNG(body)
}

// asPNG checks body is an image and returns it as PNG.
func asPNG(body []byte) ([]byte, error) {
	img, format, err := image.Decode(bytes.NewReader(body))
	if err != nil {
		return nil, app.Errorf(app.EUNAVAILABLE, "微信返回的二维码不是有效的图片")
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
