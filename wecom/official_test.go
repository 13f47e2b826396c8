package wecom_test

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom"
)

const oaSubscribe = `<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[oOpen1]]></FromUserName>` +
	`<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>` +
	`<EventKey><![CDATA[qrscene_s01]]></EventKey><Ticket><![CDATA[gQT]]></Ticket></xml>`

// A 公众号 event is named by who, when, what and which key; a message by
// its MsgId; both within the account.
func TestOAEventDedupeKey(t *testing.T) {
	sub, err := wecom.ParseOAEvent("wxa", []byte(oaSubscribe))
	require.NoError(t, err)
	assert.Equal(t, wecom.KindOASubscribe, sub.Kind())
	assert.True(t, sub.Known())
	scene, ok := sub.Scene()
	assert.True(t, ok)
	assert.Equal(t, "s01", scene)
	assert.Equal(t, "2023-11-14T22:13:20Z", sub.Time().Format("2006-01-02T15:04:05Z07:00"))
	assert.Len(t, sub.DedupeKey(), 64)

	again, err := wecom.ParseOAEvent("wxa", []byte(oaSubscribe))
	require.NoError(t, err)
	assert.Equal(t, sub.DedupeKey(), again.DedupeKey())
	other, _ := wecom.ParseOAEvent("wxb", []byte(oaSubscribe))
	assert.NotEqual(t, sub.DedupeKey(), other.DedupeKey(), "another account's event")
	scan := sub
	scan.Event, scan.EventKey = "SCAN", "s01"
	assert.NotEqual(t, sub.DedupeKey(), scan.DedupeKey())

	msg := `<xml><ToUserName>gh_1</ToUserName><FromUserName>oOpen1</FromUserName><CreateTime>1700000000</CreateTime>` +
		`<MsgType>text</MsgType><Content>hi</Content><MsgId>42</MsgId></xml>`
	m1, err := wecom.ParseOAEvent("wxa", []byte(msg))
	require.NoError(t, err)
	assert.Equal(t, "wechat:msg:text", m1.Kind())
	assert.False(t, m1.Known())
	m2 := m1
	m2.CreateTime++
	assert.Equal(t, m1.DedupeKey(), m2.DedupeKey(), "a message is its MsgId")

	payload := wecom.OAPayload("wxa", []byte(oaSubscribe))
	back, err := wecom.ParseOAPayload(payload)
	require.NoError(t, err)
	assert.Equal(t, sub, back)
}

func TestOAEventMalformed(t *testing.T) {
	for _, tc := range []struct{ name, xml string }{
		{"not xml", "<xml"},
		{"no time", `<xml><FromUserName>o</FromUserName><MsgType>event</MsgType><Event>subscribe</Event></xml>`},
		{"no follower", `<xml><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>`},
		{"event without Event", `<xml><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>`},
		{"message without MsgId", `<xml><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := wecom.ParseOAEvent("wxa", []byte(tc.xml))
			assert.True(t, errors.Is(err, wecom.ErrMalformed), "%v", err)
		})
	}
	_, err := wecom.ParseOAPayload("{}")
	assert.Error(t, err)
}

// The plain signature is WeChat's: the hex SHA-1 of token, timestamp and
// nonce sorted and joined, computed here independently.
func TestPlainSignature(t *testing.T) {
	c, err := wecom.NewCrypter("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7")
	require.NoError(t, err)
	parts := []string{"QDG6eK", "1409659589", "263014780"}
	sort.Strings(parts)
	sum := sha1.Sum([]byte(strings.Join(parts, "")))
	want := hex.EncodeToString(sum[:])
	assert.Equal(t, want, c.PlainSignature("1409659589", "263014780"))
	assert.True(t, c.VerifyPlain(want, "1409659589", "263014780"))
	assert.False(t, c.VerifyPlain(want, "1409659589", "263014781"))
}
