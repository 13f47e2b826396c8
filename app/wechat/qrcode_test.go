package wechat_test

import (
	"bytes"
	"image/png"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/wechat"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// Permanent codes stop at the cap, even asked for at once: five at a time
// against a cap of three make three, and the others are refused in
// Chinese; a temporary code is still made.
func TestPermanentCap(t *testing.T) {
	eachStack(t, func(t *testing.T, w *world) {
		svc := wechat.New(w.WeChatDeps(), wechat.Options{PermanentCap: 3})
		var wg sync.WaitGroup
		errs := make([]error, 5)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = svc.CreateQRCode(w.ctx, w.Corp.ID, wechatInput(w.oa.ID, app.WeChatQRStore, &w.store.ID, ""))
			}()
		}
		wg.Wait()
		made := 0
		for _, err := range errs {
			if err == nil {
				made++
				continue
			}
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
			assert.Contains(t, app.ErrorMessage(err), "永久二维码已达上限（3 个）")
		}
		assert.Equal(t, 3, made)
		assert.Len(t, w.SC.OAQRCodes(), 3, "WeChat was asked for three only")
		tmp, err := svc.CreateQRCode(w.ctx, w.Corp.ID, wechatInput(w.oa.ID, app.WeChatQRGuide, nil, "g1"))
		require.NoError(t, err)
		assert.False(t, tmp.Permanent)
	})
}

// A guide's code is temporary, 30 days unless asked otherwise; it serves
// its image until it expires, then Siyu refuses the image and the code
// scans to nothing.
func TestTemporaryCodeExpires(t *testing.T) {
	w := newWorld(t, config.DriverSQLite, config.RedisEmbedded)
	now := w.SC.Now().UTC()
	svc := wechat.New(w.WeChatDeps(), wechat.Options{Now: func() time.Time { return now }})
	long, err := svc.CreateQRCode(w.ctx, w.Corp.ID, wechatInput(w.oa.ID, app.WeChatQRGuide, nil, "g1"))
	require.NoError(t, err)
	require.NotNil(t, long.ExpiresAt)
	assert.WithinDuration(t, now.Add(30*24*time.Hour), *long.ExpiresAt, 2*time.Second)
	require.NotNil(t, long.StoreID)
	assert.Equal(t, w.store.ID, *long.StoreID, "listed under the guide's store")

	in := wechatInput(w.oa.ID, app.WeChatQRGuide, nil, "g1")
	in.ExpireDays = 1
	q, err := svc.CreateQRCode(w.ctx, w.Corp.ID, in)
	require.NoError(t, err)
	img, err := svc.QRImage(w.ctx, w.Corp.ID, q.ID)
	require.NoError(t, err)
	_, err = png.Decode(bytes.NewReader(img))
	require.NoError(t, err, "a PNG")

	now = now.Add(25 * time.Hour)
	_, err = svc.QRImage(w.ctx, w.Corp.ID, q.ID)
	assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
	assert.Contains(t, app.ErrorMessage(err), "临时二维码已于")
	w.SC.Advance(25 * time.Hour)
	_, _, err = w.SC.ConsumerScansOAQR(sandbox.OAScan{UnionID: "oUnionLate", Ticket: q.Ticket})
	assert.ErrorContains(t, err, "expired")
	_, err = svc.QRImage(w.ctx, w.Corp.ID, long.ID)
	assert.NoError(t, err, "the 30-day code still works")
}

// Bad input is refused with every field at fault named at once, and
// nothing is made.
func TestQRCodeValidation(t *testing.T) {
	w := newWorld(t, config.DriverSQLite, config.RedisEmbedded)
	yes := true
	for _, tc := range []struct {
		name   string
		in     wechat.QRInput
		fields []string
	}{
		{"everything wrong", wechat.QRInput{AppID: 999, Kind: app.WeChatQRGuide, StoreID: &w.store.ID, ExpireDays: 40},
			[]string{"app_id", "userid", "store_id", "expire_days"}},
		{"unknown kind", wechat.QRInput{AppID: w.oa.ID, Kind: "person"}, []string{"kind"}},
		{"store without store", wechat.QRInput{AppID: w.oa.ID, Kind: app.WeChatQRStore, UserID: "g1"}, []string{"store_id", "userid"}},
		{"permanent with expiry", wechat.QRInput{AppID: w.oa.ID, Kind: app.WeChatQRGuide, UserID: "g1", Permanent: &yes, ExpireDays: 3},
			[]string{"expire_days"}},
		{"unknown guide", wechat.QRInput{AppID: w.oa.ID, Kind: app.WeChatQRGuide, UserID: "nobody"}, []string{"userid"}},
		{"campaign without name", wechat.QRInput{AppID: w.oa.ID, Kind: app.WeChatQRCampaign}, []string{"campaign"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := w.WeChat.CreateQRCode(w.ctx, w.Corp.ID, tc.in)
			require.Equal(t, app.EINVALID, app.ErrorCode(err), "%v", err)
			var fields []string
			for _, f := range app.ErrorFields(err) {
				fields = append(fields, f.Field)
			}
			assert.ElementsMatch(t, tc.fields, fields)
		})
	}
	assert.Equal(t, 0, w.count(t, "SELECT COUNT(*) FROM wechat_qrcodes"))
	assert.Empty(t, w.SC.OAQRCodes())
}

// An account is registered with every field checked at once; its appid
// only once; its credentials are sealed at rest.
func TestRegisterApp(t *testing.T) {
	w := newWorld(t, config.DriverSQLite, config.RedisEmbedded)
	bad := &app.WeChatApp{CorpID: w.Corp.ID, AppID: "gh_1", Token: "x", EncodingAESKey: "short", Mode: "compat"}
	err := w.WeChat.RegisterApp(w.ctx, bad, "没有的品牌")
	var fields []string
	for _, f := range app.ErrorFields(err) {
		fields = append(fields, f.Field)
	}
	assert.ElementsMatch(t, []string{"appid", "name", "token", "encoding_aes_key", "app_secret", "mode", "brand"}, fields)

	dup := *w.oa
	err = w.WeChat.RegisterApp(w.ctx, &dup, "")
	assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
	assert.Equal(t, "该 AppID 的公众号已登记", app.ErrorMessage(err))

	var token, secret string
	require.NoError(t, w.DB.SQL().QueryRow("SELECT token, app_secret FROM wechat_apps WHERE id = ?", w.oa.ID).Scan(&token, &secret))
	assert.NotContains(t, token, w.oa.Token)
	assert.NotContains(t, secret, w.oa.AppSecret)
	got, err := w.WeChat.App(w.ctx, w.Corp.ID, w.oa.ID)
	require.NoError(t, err)
	assert.Equal(t, w.oa.AppSecret, got.AppSecret, "opened again")
}
