package channel_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/channel"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The QR image is downloaded from the URL WeCom gave, only from allowed
// places, capped, checked to be an image, and always answered as PNG.
func TestQRImage(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		other := httptest.NewServer(http.HandlerFunc(serveOther))
		t.Cleanup(other.Close)
		gone := httptest.NewServer(http.NotFoundHandler())
		gone.Close() // a sandbox that served before and stopped
		f := newFixture(t, d, func(o *channel.Options) {
			o.QR.Bases = append(o.QR.Bases, other.URL+"/ok/", gone.URL+"/")
			o.QR.MaxBytes = 64 << 10
		})
		c := f.storeChannel()
		require.NoError(t, f.svc.CreateChannel(f.ctx, c))
		b, err := f.svc.QRImage(f.ctx, f.corp.ID, c.ID)
		require.NoError(t, err)
		img, format, err := image.Decode(bytes.NewReader(b))
		require.NoError(t, err)
		assert.Equal(t, "png", format)
		assert.Greater(t, img.Bounds().Dx(), 100)

		_, err = f.svc.QRImage(f.ctx, f.other.ID, c.ID)
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "another corp's channel")

		tests := []struct {
			name, url, message string
		}{
			{"ErrHostNotAllowed", "https://evil.example/wwpic/x.png", "不在允许下载的域名内"},
			{"ErrPlainHTTPToWeCom", "http://wework.qpic.cn/wwpic/x.png", "不在允许下载的域名内"},
			{"ErrOutsideBase", other.URL + "/elsewhere/qr.png", "不在允许下载的域名内"},
			{"ErrRedirectOutside", other.URL + "/ok/redirect", "无法从企业微信下载二维码图片"},
			{"ErrNotFound", other.URL + "/ok/missing", "无法从企业微信下载二维码图片"},
			{"ErrNotAnImage", other.URL + "/ok/html", "不是有效的图片"},
			{"ErrLiesAboutType", other.URL + "/ok/fake", "不是有效的图片"},
			{"ErrTooLarge", other.URL + "/ok/huge", "超过 65536 字节上限"},
			{"ErrHostNamed", "https://evil.example/wwpic/x.png", "域名 evil.example 不在允许下载的域名内（channels.qr_hosts：wework.qpic.cn）"},
			{"ErrPlainHTTPNamed", "http://wework.qpic.cn/wwpic/x.png", "不是 https"},
			{"ErrSandboxOfAnEarlierRun", "http://127.0.0.1:1/wwpic/demo/cw1.png", "不是当前运行的沙箱"},
			{"ErrNobodyThere", gone.URL + "/wwpic/demo/cw1.png", "连接被拒绝"},
			{"ErrStatusNamed", other.URL + "/ok/missing", "答 HTTP 404"},
			{"ErrRedirectNamed", other.URL + "/ok/redirect", "重定向到了不允许下载的地址"},
			{"ErrUserInURL", "https://u:p@wework.qpic.cn/x.png", "带有用户名或密码"},
			{"ErrNoURL", "not a url", "二维码地址无效"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f.setQR(t, c.ID, tt.url)
				_, err := f.svc.QRImage(f.ctx, f.corp.ID, c.ID)
				assert.Equal(t, app.EUNAVAILABLE, app.ErrorCode(err), "%v", err)
				assert.Contains(t, app.ErrorMessage(err), tt.message)
			})
		}
		t.Run("JPEGBecomesPNG", func(t *testing.T) {
			f.setQR(t, c.ID, other.URL+"/ok/jpeg")
			b, err := f.svc.QRImage(f.ctx, f.corp.ID, c.ID)
			require.NoError(t, err)
			_, format, err := image.Decode(bytes.NewReader(b))
			require.NoError(t, err)
			assert.Equal(t, "png", format)
		})
	})
}

func serveOther(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/ok/redirect":
		http.Redirect(w, r, "/elsewhere/qr.png", http.StatusFound)
	case "/ok/html":
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html>登录</html>"))
	case "/ok/fake":
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("not really a png"))
	case "/ok/huge":
		w.Header().Set("Content-Type", "image/png")
		w.Write(make([]byte, 100<<10))
	case "/ok/jpeg", "/elsewhere/qr.png":
		img := image.NewGray(image.Rect(0, 0, 40, 40))
		img.SetGray(5, 5, color.Gray{Y: 255})
		w.Header().Set("Content-Type", "image/jpeg")
		jpeg.Encode(w, img, nil)
	default:
		http.NotFound(w, r)
	}
}

// setQR points a channel's QR code somewhere else, as a WeCom answer could.
func (f *fixture) setQR(t *testing.T, id int64, url string) {
	t.Helper()
	_, err := f.d.SQL().Exec("UPDATE channels SET qr_code = ? WHERE id = ?", url, id)
	require.NoError(t, err)
}
