package wecom

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// 公众号 event kinds (OAEvent.Kind) capabilities subscribe to: WeChat's
// Event names, spelled as WeChat spells them, behind app.WeChatEventPrefix.
const (
	KindOASubscribe   = app.WeChatEventPrefix + "subscribe"
	KindOAUnsubscribe = app.WeChatEventPrefix + "unsubscribe"
	KindOAScan        = app.WeChatEventPrefix + "SCAN"
	KindOAClick       = app.WeChatEventPrefix + "CLICK"
	KindOAView        = app.WeChatEventPrefix + "VIEW"
	KindOATemplate    = app.WeChatEventPrefix + "TEMPLATESENDJOBFINISH"
)

// KindsOA are the 公众号 events Siyu acts on, for capabilities to
// subscribe to; anything else (messages, LOCATION, view_miniprogram…) is
// stored and counted with no effect.
var KindsOA = []string{KindOASubscribe, KindOAScan, KindOAUnsubscribe, KindOAClick, KindOAView, KindOATemplate}

// OAEvent is one decoded 公众号 callback: an event (MsgType "event") or an
// ordinary message a follower sent.
type OAEvent struct {
	AppID      string // the account it was delivered to (from the URL, not the XML)
	ToUserName string // the account's original id (gh_…)
	OpenID     string // the follower (FromUserName)
	CreateTime int64
	MsgType    string
	Event      string
	EventKey   string // qrscene_<scene> (subscribe), <scene> (SCAN), the menu key or URL
	Ticket     string
	MsgID      string // MsgId of a message; MsgID of TEMPLATESENDJOBFINISH
	Status     string // TEMPLATESENDJOBFINISH: success, failed:user block, failed: system failed
}

// rawOAEvent reads both spellings WeChat uses for the message id.
type rawOAEvent struct {
	ToUserName   string `xml:"ToUserName"`
	FromUserName string `xml:"FromUserName"`
	CreateTime   string `xml:"CreateTime"`
	MsgType      string `xml:"MsgType"`
	Event        string `xml:"Event"`
	EventKey     string `xml:"EventKey"`
	Ticket       string `xml:"Ticket"`
	MessageID    string `xml:"MsgId"` // an ordinary message's
	TemplateID   string `xml:"MsgID"` // TEMPLATESENDJOBFINISH's
	Status       string `xml:"Status"`
}

// ParseOAEvent decodes a decrypted (or plain) 公众号 callback delivered to
// appid. A callback without the follower, the time or a type is malformed;
// a message without its MsgId too, as it could not be told from another.
func ParseOAEvent(appid string, plain []byte) (OAEvent, error) {
	var r rawOAEvent
	if err := xml.Unmarshal(plain, &r); err != nil {
		return OAEvent{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	created, err := strconv.ParseInt(strings.TrimSpace(r.CreateTime), 10, 64)
	e := OAEvent{AppID: appid, ToUserName: r.ToUserName, OpenID: r.FromUserName, CreateTime: created, MsgType: r.MsgType,
		Event: r.Event, EventKey: r.EventKey, Ticket: r.Ticket, MsgID: strings.TrimSpace(r.MessageID + r.TemplateID), Status: r.Status}
	switch {
	case err != nil || created <= 0:
		return OAEvent{}, fmt.Errorf("%w: CreateTime %q", ErrMalformed, r.CreateTime)
	case e.OpenID == "" || e.MsgType == "":
		return OAEvent{}, fmt.Errorf("%w: FromUserName and MsgType are required", ErrMalformed)
	case e.MsgType == "event" && e.Event == "":
		return OAEvent{}, fmt.Errorf("%w: an event without Event", ErrMalformed)
	case e.MsgType != "event" && e.MsgID == "":
		return OAEvent{}, fmt.Errorf("%w: a message without MsgId", ErrMalformed)
	}
	return e, nil
}

// Kind is "wechat:<Event>" for an event, "wechat:msg:<MsgType>" for a
// message.
func (e OAEvent) Kind() string {
	if e.MsgType == "event" {
		return app.WeChatEventPrefix + e.Event
	}
	return app.WeChatEventPrefix + "msg:" + e.MsgType
}

// Known reports whether Siyu acts on events of e's kind.
func (e OAEvent) Known() bool { return slices.Contains(KindsOA, e.Kind()) }

// Time is CreateTime as a UTC time.
func (e OAEvent) Time() time.Time { return time.Unix(e.CreateTime, 0).UTC() }

// DedupeKey names the event whatever delivery brought it, as WeChat
// advises: a message by its MsgId, an event by FromUserName, CreateTime,
// Event and EventKey; the account is part of it, since two accounts' ids
// may coincide. It is read from the decrypted content, never from the
// ciphertext, which every retry encrypts afresh.
func (e OAEvent) DedupeKey() string {
	parts := []string{"wechat", e.AppID, "msg", e.MsgID}
	if e.MsgType == "event" {
		parts = []string{"wechat", e.AppID, "event", e.OpenID, strconv.FormatInt(e.CreateTime, 10), e.Event, e.EventKey}
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])
}

// Scene is the parametric QR code's scene a subscribe (qrscene_<scene>)
// or SCAN (<scene>) event carries; ok is false for one without a code.
func (e OAEvent) Scene() (scene string, ok bool) {
	switch e.Event {
	case "subscribe":
		scene, ok = strings.CutPrefix(e.EventKey, "qrscene_")
	case "SCAN":
		scene, ok = e.EventKey, true
	}
	return scene, ok && scene != ""
}

// oaPayload is how a 公众号 event is kept in the inbox: the XML as it was
// decrypted and the account it came to, which the XML names only by its
// original id.
type oaPayload struct {
	AppID string `json:"appid"`
	XML   string `json:"xml"`
}

// OAPayload is the inbox payload of plain, a callback delivered to appid.
func OAPayload(appid string, plain []byte) string {
	b, _ := json.Marshal(oaPayload{AppID: appid, XML: string(plain)})
	return string(b)
}

// ParseOAPayload reads an event back from its inbox payload. A payload
// that cannot be read is invalid input, never retried.
func ParseOAPayload(payload string) (OAEvent, error) {
	var p oaPayload
	if err := json.Unmarshal([]byte(payload), &p); err != nil || p.AppID == "" {
		return OAEvent{}, app.Errorf(app.EINVALID, "公众号事件内容无法解析")
	}
	e, err := ParseOAEvent(p.AppID, []byte(p.XML))
	if err != nil {
		return OAEvent{}, app.Wrap(app.EINVALID, err, "公众号事件内容无法解析")
	}
	return e, nil
}
