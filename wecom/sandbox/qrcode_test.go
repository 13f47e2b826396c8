package sandbox_test

import (
	"encoding/json"
	"image"
	"image/color"
	_ "image/png"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/silenceper/wechat/v2/work/externalcontact"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"rsc.io/qr"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// A scene-2 contact way's qr_code is a URL on the sandbox that serves a
// real PNG QR code of the scan URL, which shows the contact way.
func TestContactWayQRCode(t *testing.T) {
	c := guideCorp(t)
	sdk := sdkClient(c)
	added, err := sdk.AddContactWay(&externalcontact.AddContactWayRequest{Type: 1, Scene: 2, State: "cqr1", User: []string{"zhangsan"}})
	require.NoError(t, err)
	want := baseURL + sandbox.QRPathPrefix + c.ID() + "/" + added.ConfigID + ".png"
	assert.Equal(t, want, added.QrCode)
	got, err := sdk.GetContactWay(&externalcontact.GetContactWayRequest{ConfigID: added.ConfigID})
	require.NoError(t, err)
	assert.Equal(t, want, got.ContactWay.QrCode)

	resp, err := http.Get(added.QrCode)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "image/png", resp.Header.Get("Content-Type"))
	img, format, err := image.Decode(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, "png", format)
	scan := sandbox.ScanURL(baseURL, c.ID(), added.ConfigID)
	assertQR(t, img, scan)

	t.Run("ScanShowsTheContactWay", func(t *testing.T) {
		resp, err := http.Get(scan)
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		var cw sandbox.ContactWay
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&cw))
		assert.Equal(t, "cqr1", cw.State)
		assert.Equal(t, []string{"zhangsan"}, cw.Users)
	})
	t.Run("ErrNotFoundOnceDeleted", func(t *testing.T) {
		_, err := sdk.DelContactWay(&externalcontact.DelContactWayRequest{ConfigID: added.ConfigID})
		require.NoError(t, err)
		for _, u := range []string{added.QrCode, scan, baseURL + sandbox.QRPathPrefix + "nocorp/" + added.ConfigID + ".png"} {
			resp, err := http.Get(u)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, http.StatusNotFound, resp.StatusCode, u)
		}
	})
	t.Run("MiniProgramSceneHasNone", func(t *testing.T) {
		added, err := sdk.AddContactWay(&externalcontact.AddContactWayRequest{Type: 1, Scene: 1, User: []string{"zhangsan"}})
		require.NoError(t, err)
		assert.Empty(t, added.QrCode)
	})
}

// QRCodeBase keeps qr_code URLs in WeCom's own form for whoever wants it.
func TestContactWayQRCodeBase(t *testing.T) {
	s := sandbox.New(sandbox.Options{QRCodeBase: "https://wework.qpic.cn"})
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() { srv.Close(); s.Close() })
	c, err := s.AddCorp(sandbox.NewCorpConfig("wwqrbase"))
	require.NoError(t, err)
	require.NoError(t, c.AddMember(sandbox.Member{UserID: "zhangsan", Name: "张三", ContactEnabled: true}))
	tok := getFrom(t, srv.URL, "/cgi-bin/gettoken?corpid=wwqrbase&corpsecret="+c.Config().ContactSecret)["access_token"].(string)
	r := postTo(t, srv.URL, "/cgi-bin/externalcontact/add_contact_way", tok, map[string]any{"type": 1, "scene": 2, "user": []string{"zhangsan"}})
	require.Equal(t, 0, r.code(), r)
	assert.Equal(t, "https://wework.qpic.cn/wwpic/wwqrbase/"+r["config_id"].(string)+".png", r["qr_code"])
}

// assertQR checks img is exactly the QR code of text: every module,
// sampled at its centre, and the four-module white quiet zone around it.
// (qr.Code.Image ignores scale and border, so the bitmap is read directly.)
func assertQR(t *testing.T, img image.Image, text string) {
	t.Helper()
	code, err := qr.Encode(text, qr.M)
	require.NoError(t, err)
	side := (code.Size + 8) * code.Scale
	require.Equal(t, image.Rect(0, 0, side, side), img.Bounds())
	for my := -4; my < code.Size+4; my++ {
		for mx := -4; mx < code.Size+4; mx++ {
			x, y := (mx+4)*code.Scale+code.Scale/2, (my+4)*code.Scale+code.Scale/2
			if code.Black(mx, my) != dark(img.At(x, y)) {
				t.Fatalf("module %d,%d differs from the QR code of %s", mx, my, text)
			}
		}
	}
	assert.True(t, code.Black(0, 0), "the finder pattern's corner is dark")
}

func dark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b < 3*0x8000
}
