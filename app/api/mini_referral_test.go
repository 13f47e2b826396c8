package api_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/poster"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// participation is what joining a campaign answers.
type participation struct {
	Scene     string
	PosterURL string `json:"poster_url"`
	Invitees  int
	Visits    int
	Campaign  struct{ ID int64 }
}

// The referral consumer API end to end against the sandbox: a consumer
// logs in, binds their phone, joins a campaign and gets a poster whose
// code the sandbox scans back to their key; a friend logs in and scans
// it (a forged or unknown key is refused in plain words); the inviter's
// progress counts the friend; a session asking for another member's
// progress gets 403.
func TestMiniReferralAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		appid := c.registerMini(t)
		camp := c.referralCampaign(t)
		path := "/api/mini/v1/referrals/" + itoa(camp.ID)

		tokA, a := c.miniLogin(t, appid, c.sc.MintLoginCode("", "union-inviter"), "10.0.0.1")
		w := send(c.h, "POST", "/api/mini/v1/phone", `{"code":"`+c.sc.MintPhoneCode("13800138000")+`"}`, bearer(tokA)...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		w = send(c.h, "GET", path, "", bearer(tokA)...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), "邀请3人得咖啡券")
		w = send(c.h, "POST", path+"/join", "", bearer(tokA)...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		joined := decode[participation](t, w)
		assert.Len(t, joined.Scene, 10)
		assert.Equal(t, joined, decode[participation](t, send(c.h, "POST", path+"/join", "", bearer(tokA)...)), "joining twice is one participation")

		w = send(c.h, "GET", joined.PosterURL, "", bearer(tokA)...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, "image/png", w.Header().Get("Content-Type"))
		code, ok := c.sc.ScanWXACode(cropPNG(t, w.Body.Bytes(), poster.CodeBounds()))
		require.True(t, ok, "the poster's code scans")
		assert.Equal(t, joined.Scene, code.Scene)

		w = sendAvatar(t, c, joined.PosterURL, tokA, solidPNG(t, 96))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		withAvatar := w.Body.Bytes()
		assert.NotEqual(t, withAvatar, send(c.h, "GET", joined.PosterURL, "", bearer(tokA)...).Body.Bytes(), "the chosen avatar is drawn")
		code, ok = c.sc.ScanWXACode(cropPNG(t, withAvatar, poster.CodeBounds()))
		require.True(t, ok)
		assert.Equal(t, joined.Scene, code.Scene)
		w = sendAvatar(t, c, joined.PosterURL, tokA, make([]byte, 1<<20+1))
		assert.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "头像应为不超过 1 MB 的图片")

		tokB, b := c.miniLogin(t, appid, c.sc.MintLoginCode("", "union-friend"), "10.0.0.2")
		for _, bad := range []string{"forged!", "abcdefghjk"} {
			w = send(c.h, "POST", "/api/mini/v1/referrals/scan", `{"scene":"`+bad+`"}`, bearer(tokB)...)
			assert.Equal(t, http.StatusNotFound, w.Code)
			assert.Contains(t, w.Body.String(), "邀请码无效或已失效")
		}
		w = send(c.h, "POST", "/api/mini/v1/referrals/scan", `{"scene":"`+joined.Scene+`"}`, bearer(tokB)...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), camp.QRCode)
		assert.Equal(t, http.StatusNotFound, send(c.h, "GET", path+"/progress", "", bearer(tokB)...).Code, "the friend has not joined")
		assert.Equal(t, http.StatusNoContent, send(c.h, "POST", path+"/share", "", bearer(tokA)...).Code)

		w = send(c.h, "GET", path+"/progress", "", bearer(tokA)...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		pr := decode[participation](t, w)
		assert.Equal(t, 1, pr.Invitees)
		assert.Equal(t, 1, pr.Visits)
		own := "/api/mini/v1/members/" + itoa(a.ID) + "/referrals/" + itoa(camp.ID) + "/progress"
		assert.Equal(t, http.StatusOK, send(c.h, "GET", own, "", bearer(tokA)...).Code)
		w = send(c.h, "GET", "/api/mini/v1/members/"+itoa(a.ID)+"/referrals/"+itoa(camp.ID)+"/progress", "", bearer(tokB)...)
		assert.Equal(t, http.StatusForbidden, w.Code)
		assert.Contains(t, w.Body.String(), "只能查看自己的")
		assert.NotEqual(t, a.ID, b.ID)
	})
}

// referralCampaign makes a 任务宝 of corp wwa on a campaign channel.
func (c *console) referralCampaign(t *testing.T) *app.ReferralCampaign {
	store := itoa(c.seedStore(t))
	w := send(c.h, "POST", "/api/v1/corps/wwa/channels", `{"name":"老带新","kind":"campaign","store_id":`+store+`,"members":[{"userid":"g1"}]}`,
		c.login(t, "wwa", "olga")...)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	ch := decode[channelOut](t, w)
	ctx := app.WithActor(context.Background(), "user:1")
	r := &app.Reward{CorpID: c.corpA, Name: "咖啡券", Kind: app.RewardPoints, Points: 100, StockTotal: 10}
	require.NoError(t, c.g.Rewards.CreateReward(ctx, r))
	now := time.Now()
	camp := &app.ReferralCampaign{CorpID: c.corpA, Name: "老带新送咖啡", Kind: app.ReferralFriend, Title: "邀好友得好礼", StartsAt: now.Add(-time.Hour),
		EndsAt: now.Add(7 * 24 * time.Hour), ChannelID: &ch.ID, HoldHours: 24, Tiers: []app.ReferralTier{{Helps: 3, RewardID: r.ID, Name: "邀请3人得咖啡券"}}}
	require.NoError(t, c.g.Referrals.CreateCampaign(ctx, camp))
	require.NotEmpty(t, camp.QRCode)
	return camp
}

// cropPNG cuts r out of a PNG, as a consumer's camera frames the code.
func cropPNG(t *testing.T, data []byte, r image.Rectangle) []byte {
	img, err := png.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), img, r.Min, draw.Src)
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, out))
	return buf.Bytes()
}

// solidPNG is a red square n pixels wide: an avatar a consumer chose.
func solidPNG(t *testing.T, n int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	draw.Draw(img, img.Bounds(), &image.Uniform{C: color.RGBA{R: 220, A: 255}}, image.Point{}, draw.Src)
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// sendAvatar posts an avatar picture for a poster as the mini-program
// uploads it (multipart "avatar").
func sendAvatar(t *testing.T, c *console, path, tok string, pic []byte) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("avatar", "avatar.png")
	require.NoError(t, err)
	_, err = fw.Write(pic)
	require.NoError(t, err)
	require.NoError(t, mw.Close())
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("X-Forwarded-For", "10.1.0.1")
	w := httptest.NewRecorder()
	c.h.ServeHTTP(w, req)
	return w
}
