package sandbox_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"rsc.io/qr"

	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// oaReceiver is a 公众号 server: it checks the plain signature of every
// request and, in safe mode, msg_signature, and decrypts with the appid.
type oaReceiver struct {
	crypter *wecom.Crypter
	mu      sync.Mutex
	got     []oaReceived
}

type oaReceived struct {
	XML, Encrypt       string
	Signed, MsgSigned  bool
	EncryptType, Nonce string
}

func newOAReceiver(t *testing.T, c *sandbox.Corp) *oaReceiver {
	t.Helper()
	oa := c.OA()
	cr, err := wecom.NewCrypter(oa.Token, oa.EncodingAESKey, oa.AppID)
	require.NoError(t, err)
	rc := &oaReceiver{crypter: cr}
	srv := httptest.NewServer(http.HandlerFunc(rc.serve))
	t.Cleanup(srv.Close)
	c.SetOACallbackURL(srv.URL + "/wechat/callback/" + oa.AppID)
	return rc
}

func (rc *oaReceiver) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	signed := rc.crypter.VerifyPlain(q.Get("signature"), q.Get("timestamp"), q.Get("nonce"))
	if r.Method == http.MethodGet {
		if !signed {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		_, _ = io.WriteString(w, q.Get("echostr"))
		return
	}
	body, _ := io.ReadAll(r.Body)
	got := oaReceived{XML: string(body), Signed: signed, EncryptType: q.Get("encrypt_type"), Nonce: q.Get("nonce")}
	if got.EncryptType == "aes" {
		var env struct{ Encrypt string }
		_ = xml.Unmarshal(body, &env)
		got.Encrypt, got.XML = env.Encrypt, ""
		got.MsgSigned = rc.crypter.Verify(q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce"), env.Encrypt)
		if plain, err := rc.crypter.Decrypt(env.Encrypt); err == nil {
			got.XML = string(plain)
		}
	}
	rc.mu.Lock()
	rc.got = append(rc.got, got)
	rc.mu.Unlock()
	_, _ = io.WriteString(w, "success")
}

func (rc *oaReceiver) all() []oaReceived {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]oaReceived(nil), rc.got...)
}

// oaClient is Siyu's 公众号 client for the corp's account, on a Redis of
// its own.
func oaClient(t *testing.T, c *sandbox.Corp) *wecom.OfficialAccount {
	t.Helper()
	mr := miniredis.RunT(t)
	oa, err := wecom.NewOfficialAccount(redis.NewClient(&redis.Options{Addr: mr.Addr()}), c.OA().AppID, c.OA().Secret,
		wecom.WithBackoff(wecom.Backoff{Attempts: 1}))
	require.NoError(t, err)
	return oa
}

func wait(t *testing.T, c *sandbox.Corp) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(t, c.WaitDeliveries(ctx))
}

// A store's permanent code is one code however often it is asked for; a
// temporary one is new every time, served as the PNG of its url until it
// expires.
func TestOAQRCodes(t *testing.T) {
	c := newCorp(t)
	oa := oaClient(t, c)
	ctx := context.Background()
	p1, err := oa.CreateQRCode(ctx, wecom.OAQRRequest{Scene: "s01", Permanent: true})
	require.NoError(t, err)
	p2, err := oa.CreateQRCode(ctx, wecom.OAQRRequest{Scene: "s01", Permanent: true})
	require.NoError(t, err)
	assert.Equal(t, p1.Ticket, p2.Ticket, "the same permanent scene is the same code")
	tmp, err := oa.CreateQRCode(ctx, wecom.OAQRRequest{Scene: "g01", ExpireSeconds: 3600})
	require.NoError(t, err)
	assert.EqualValues(t, 3600, tmp.ExpireSeconds)

	resp, err := http.Get(baseURL + sandbox.OAQRPath + "?ticket=" + url.QueryEscape(tmp.Ticket))
	require.NoError(t, err)
	png, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	want, err := qr.Encode(tmp.URL, qr.M)
	require.NoError(t, err)
	assert.Equal(t, want.PNG(), png)

	c.Advance(time.Hour)
	resp, err = http.Get(baseURL + sandbox.OAQRPath + "?ticket=" + url.QueryEscape(tmp.Ticket))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "an expired code has no image")
	_, _, err = c.ConsumerScansOAQR(sandbox.OAScan{UnionID: "u1", Ticket: tmp.Ticket})
	assert.ErrorContains(t, err, "expired")

	_, err = oa.CreateQRCode(ctx, wecom.OAQRRequest{Scene: "", Permanent: true})
	assert.Equal(t, 40053, wecom.ErrCode(err))
}

// Scanning a store's code follows the account (subscribe with qrscene_),
// scanning again is SCAN; user/info says who, with the unionid; a
// template message reports back; unsubscribing ends the follow. Every
// callback is signed and sealed with the appid, and a duplicated one is
// encrypted afresh each time.
func TestOAConsumerCallbacks(t *testing.T) {
	c := newCorp(t)
	rc := newOAReceiver(t, c)
	require.NoError(t, c.VerifyOACallbackURL(context.Background()))
	oa := oaClient(t, c)
	ctx := context.Background()
	code, err := oa.CreateQRCode(ctx, wecom.OAQRRequest{Scene: "s01", Permanent: true})
	require.NoError(t, err)

	c.DuplicateNext(1, 3)
	openID, event, err := c.ConsumerScansOAQR(sandbox.OAScan{UnionID: "oUnion1", Ticket: code.Ticket})
	require.NoError(t, err)
	assert.Equal(t, "subscribe", event)
	assert.Equal(t, c.OAOpenID("oUnion1"), openID)
	_, event, err = c.ConsumerScansOAQR(sandbox.OAScan{OpenID: openID, Ticket: code.Ticket})
	require.NoError(t, err)
	assert.Equal(t, "SCAN", event)
	wait(t, c)

	got := rc.all()
	require.Len(t, got, 4)
	for _, r := range got {
		assert.True(t, r.Signed && r.MsgSigned, "signature and msg_signature verify")
		assert.Equal(t, "aes", r.EncryptType)
	}
	assert.Equal(t, got[0].XML, got[2].XML, "the same event three times")
	assert.NotEqual(t, got[0].Encrypt, got[1].Encrypt, "each copy encrypted afresh")
	sub, err := wecom.ParseOAEvent(c.OA().AppID, []byte(got[0].XML))
	require.NoError(t, err)
	scene, ok := sub.Scene()
	assert.True(t, ok)
	assert.Equal(t, "s01", scene)
	assert.Equal(t, wecom.KindOASubscribe, sub.Kind())
	scan, err := wecom.ParseOAEvent(c.OA().AppID, []byte(got[3].XML))
	require.NoError(t, err)
	assert.Equal(t, wecom.KindOAScan, scan.Kind())
	assert.Equal(t, code.Ticket, scan.Ticket)

	u, err := oa.UserInfo(ctx, openID)
	require.NoError(t, err)
	assert.True(t, u.Subscribed)
	assert.Equal(t, "oUnion1", u.UnionID)
	assert.Equal(t, "ADD_SCENE_QR_CODE", u.SubscribeScene)
	assert.Equal(t, "s01", u.QRSceneStr)

	msgID, err := oa.SendTemplate(ctx, wecom.OATemplate{ToUser: openID, TemplateID: "tpl1", Data: map[string]string{"first": "您好"}})
	require.NoError(t, err)
	require.NoError(t, c.ConsumerUnsubscribes(openID))
	_, err = oa.SendTemplate(ctx, wecom.OATemplate{ToUser: openID, TemplateID: "tpl1"})
	assert.Equal(t, 43004, wecom.ErrCode(err), "no template to someone not following")
	wait(t, c)
	got = rc.all()
	require.Len(t, got, 6)
	done, err := wecom.ParseOAEvent(c.OA().AppID, []byte(got[4].XML))
	require.NoError(t, err)
	assert.Equal(t, wecom.KindOATemplate, done.Kind())
	assert.Equal(t, "success", done.Status)
	assert.Equal(t, strconv.FormatInt(msgID, 10), done.MsgID)
	left, err := wecom.ParseOAEvent(c.OA().AppID, []byte(got[5].XML))
	require.NoError(t, err)
	assert.Equal(t, wecom.KindOAUnsubscribe, left.Kind())
	u, err = oa.UserInfo(ctx, openID)
	require.NoError(t, err)
	assert.False(t, u.Subscribed)
}

// In plain mode the body is the event itself, signed but not encrypted;
// a WeCom token does not open the 公众号's API, nor the other way round.
func TestOAPlainModeAndTokens(t *testing.T) {
	c := newCorp(t, func(cfg *sandbox.CorpConfig) { cfg.OA.PlainMode = true })
	rc := newOAReceiver(t, c)
	_, err := c.ConsumerFollowsOA("", "oUnion2")
	require.NoError(t, err)
	wait(t, c)
	got := rc.all()
	require.Len(t, got, 1)
	assert.True(t, got[0].Signed)
	assert.Empty(t, got[0].EncryptType)
	ev, err := wecom.ParseOAEvent(c.OA().AppID, []byte(got[0].XML))
	require.NoError(t, err)
	_, ok := ev.Scene()
	assert.False(t, ok, "followed through no code")

	r := post(t, "/cgi-bin/qrcode/create", token(t, c), map[string]any{"action_name": "QR_LIMIT_STR_SCENE"})
	assert.Equal(t, 40014, r.code(), "a WeCom token on the 公众号's API")
	oaTok := get(t, "/cgi-bin/token", url.Values{"grant_type": {"client_credential"}, "appid": {c.OA().AppID}, "secret": {c.OA().Secret}})
	require.Equal(t, 0, oaTok.code())
	r = get(t, "/cgi-bin/user/get", url.Values{"access_token": {oaTok["access_token"].(string)}, "userid": {"zhangsan"}})
	assert.Equal(t, 40014, r.code(), "a 公众号 token on WeCom's API")
	r = get(t, "/cgi-bin/token", url.Values{"grant_type": {"client_credential"}, "appid": {c.OA().AppID}, "secret": {"wrong"}})
	assert.Equal(t, 40125, r.code())
}
