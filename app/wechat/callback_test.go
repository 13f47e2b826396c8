package wechat_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/wecom"
)

// followXML is a follow through no code, as the 公众号 composes it.
func followXML(openID string, at int64) string {
	return `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[` + openID + `]]></FromUserName><CreateTime>` +
		strconv.FormatInt(at, 10) + `</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>` +
		`<EventKey><![CDATA[]]></EventKey></xml>`
}

// post sends body to the account's callback URL with query q and returns
// the status and answer.
func (w *world) post(t *testing.T, q url.Values, body string) (int, string) {
	resp, err := http.Post(w.URL+app.WeChatCallbackPath(w.oa.AppID)+"?"+q.Encode(), "text/xml", strings.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// sealed is a safe-mode delivery of plain: query and body, signed and
// encrypted with the account's keys and the appid.
func (w *world) sealed(t *testing.T, plain string) (url.Values, string) {
	oa := w.SC.OA()
	c, err := wecom.NewCrypter(oa.Token, oa.EncodingAESKey, oa.AppID)
	require.NoError(t, err)
	ts, nonce := strconv.FormatInt(time.Now().Unix(), 10), strconv.FormatInt(time.Now().UnixNano()%1e9, 10)
	enc, err := c.Encrypt([]byte(plain))
	require.NoError(t, err)
	body, err := xml.Marshal(struct {
		XMLName xml.Name `xml:"xml"`
		To      string   `xml:"ToUserName"`
		Encrypt string   `xml:"Encrypt"`
	}{To: oa.OriginalID, Encrypt: enc})
	require.NoError(t, err)
	q := url.Values{"signature": {c.PlainSignature(ts, nonce)}, "timestamp": {ts}, "nonce": {nonce}, "openid": {"o1"},
		"encrypt_type": {"aes"}, "msg_signature": {c.Signature(ts, nonce, enc)}}
	return q, string(body)
}

// The 公众平台's server check is answered with the echostr; a wrong
// signature or an unknown account is refused.
func TestCallbackVerification(t *testing.T) {
	w := newWorld(t, config.DriverSQLite, config.RedisEmbedded)
	require.NoError(t, w.SC.VerifyOACallbackURL(context.Background()))

	q := url.Values{"signature": {"0000"}, "timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}, "nonce": {"1"}, "echostr": {"e"}}
	resp, err := http.Get(w.URL + app.WeChatCallbackPath(w.oa.AppID) + "?" + q.Encode())
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	resp, err = http.Get(w.URL + app.WeChatCallbackPath("wx0000000000000000") + "?" + q.Encode())
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

// A safe-mode delivery is stored once and answered success, also when it
// comes again encrypted afresh; a bad msg_signature, a stale timestamp, a
// plain delivery to a safe account and a malformed event store nothing.
func TestCallbackSafeMode(t *testing.T) {
	eachStack(t, func(t *testing.T, w *world) {
		at := w.SC.Now().Unix()
		for range 2 {
			q, body := w.sealed(t, followXML("oFollower1", at))
			status, answer := w.post(t, q, body)
			assert.Equal(t, http.StatusOK, status)
			assert.Equal(t, "success", answer)
		}
		q, body := w.sealed(t, followXML("oFollower2", at))
		q.Set("msg_signature", strings.Repeat("0", 40))
		status, _ := w.post(t, q, body)
		assert.Equal(t, http.StatusUnauthorized, status, "bad msg_signature")
		q, body = w.sealed(t, followXML("oFollower3", at))
		q.Set("timestamp", strconv.FormatInt(time.Now().Add(-time.Hour).Unix(), 10))
		status, _ = w.post(t, q, body)
		assert.Equal(t, http.StatusUnauthorized, status, "a replay an hour old")
		q, _ = w.sealed(t, "")
		q.Del("encrypt_type")
		status, _ = w.post(t, q, followXML("oFollower4", at))
		assert.Equal(t, http.StatusUnauthorized, status, "plain delivery to an account in safe mode")
		q, body = w.sealed(t, `<xml><FromUserName>oFollower5</FromUserName><MsgType>event</MsgType></xml>`)
		status, _ = w.post(t, q, body)
		assert.Equal(t, http.StatusBadRequest, status, "no CreateTime")

		w.Settle(t, time.Minute)
		assert.Equal(t, 1, w.count(t, "SELECT COUNT(*) FROM wecom_events WHERE corp_id = ? AND kind LIKE 'wechat:%'", w.Corp.ID))
		ts := w.touches(t, app.TouchOASubscribe)
		require.Len(t, ts, 1)
		assert.Nil(t, ts[0].StoreID, "followed through no code")
		assert.JSONEq(t, `{"appid":"`+w.oa.AppID+`","openid":"oFollower1"}`, ts[0].Detail)
	})
}

// An account set to 明文模式 takes plain deliveries, signed over token,
// timestamp and nonce; the sandbox's plain-mode 公众号 is one.
func TestCallbackPlainMode(t *testing.T) {
	w := startWorld(t, config.DriverSQLite, config.RedisEmbedded, true)
	require.Equal(t, app.WeChatPlainMode, w.oa.Mode)
	_, err := w.SC.ConsumerFollowsOA("", "oUnionPlain")
	require.NoError(t, err)
	w.Settle(t, time.Minute)
	require.Len(t, w.touches(t, app.TouchOASubscribe), 1)
	d := w.SC.Deliveries()
	require.Len(t, d, 1)
	assert.Empty(t, d[0].Attempts[0].Encrypt, "sent in plain")
}
