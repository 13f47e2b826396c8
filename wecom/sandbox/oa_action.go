package sandbox

import (
	"fmt"
	"strings"
)

// OAScan is a WeChat user scanning a 公众号's parametric QR code, named
// by its Ticket or by URL, what its image encodes (what a phone reads).
// OpenID names who scans; empty, it is derived from UnionID (OAOpenID), so
// the same person always has the same openid.
type OAScan struct {
	OpenID  string
	UnionID string
	Ticket  string
	URL     string
}

// ConsumerScansOAQR is a WeChat user scanning the code with ticket: a user
// not following yet follows (subscribe, EventKey qrscene_<scene>), a
// follower is sent SCAN (EventKey <scene>); both carry the Ticket. It
// returns the user's openid and the event sent. An expired temporary code
// scans to nothing (an error), an unknown ticket is ErrNotFound.
func (c *Corp) ConsumerScansOAQR(s OAScan) (openID, event string, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	code := c.oa.scanned(s)
	switch {
	case code == nil:
		return "", "", fmt.Errorf("sandbox: 公众号 code %q: %w", s.Ticket+s.URL, ErrNotFound)
	case !code.ExpiresAt.IsZero() && !c.Now().Before(code.ExpiresAt):
		return "", "", fmt.Errorf("sandbox: 公众号 code %q expired at %s", code.Scene, code.ExpiresAt.Format("2006-01-02 15:04:05"))
	}
	f := c.oaFollower(s.OpenID, s.UnionID)
	if f.Subscribed {
		c.emit(c.newOAEvent(f.OpenID, "SCAN", text("EventKey", code.Scene), text("Ticket", code.Ticket)))
		return f.OpenID, "SCAN", nil
	}
	c.follow(f, "ADD_SCENE_QR_CODE", code.Scene)
	c.emit(c.newOAEvent(f.OpenID, "subscribe", text("EventKey", "qrscene_"+code.Scene), text("Ticket", code.Ticket)))
	return f.OpenID, "subscribe", nil
}

// scanned finds the code s names, by ticket or by URL.
func (st *oaState) scanned(s OAScan) *OAQRCode {
	if s.Ticket != "" {
		return st.codes[s.Ticket]
	}
	for _, code := range st.codes {
		if s.URL != "" && code.URL == s.URL {
			return code
		}
	}
	return nil
}

// ConsumerFollowsOA is a WeChat user following the 公众号 found by search,
// through no code: subscribe with an empty EventKey. Following twice is
// refused.
func (c *Corp) ConsumerFollowsOA(openID, unionID string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.oaFollower(openID, unionID)
	if f.Subscribed {
		return "", fmt.Errorf("sandbox: %s already follows the 公众号", f.OpenID)
	}
	c.follow(f, "ADD_SCENE_SEARCH", "")
	c.emit(c.newOAEvent(f.OpenID, "subscribe", text("EventKey", "")))
	return f.OpenID, nil
}

// ConsumerUnsubscribes is a follower leaving the 公众号 (unsubscribe).
func (c *Corp) ConsumerUnsubscribes(openID string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, err := c.following(openID)
	if err != nil {
		return err
	}
	f.Subscribed = false
	c.emit(c.newOAEvent(f.OpenID, "unsubscribe", text("EventKey", "")))
	return nil
}

// ConsumerClicksMenu is a follower tapping a menu item: CLICK with the
// item's key, or, when key is a URL, VIEW with it.
func (c *Corp) ConsumerClicksMenu(openID, key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, err := c.following(openID)
	if err != nil {
		return err
	}
	event := "CLICK"
	if strings.HasPrefix(key, "http://") || strings.HasPrefix(key, "https://") {
		event = "VIEW"
	}
	c.emit(c.newOAEvent(f.OpenID, event, text("EventKey", key)))
	return nil
}

// oaFollower returns the follower record of openID (or of unionID's
// openid), creating it when the account never saw them; callers hold c.mu.
func (c *Corp) oaFollower(openID, unionID string) *OAFollower {
	if openID == "" {
		if unionID == "" {
			unionID = "oU" + c.newID("")
		}
		openID = c.OAOpenID(unionID)
	}
	f := c.oa.followers[openID]
	if f == nil {
		f = &OAFollower{OpenID: openID, UnionID: unionID}
		c.oa.followers[openID] = f
	}
	if f.UnionID == "" {
		f.UnionID = unionID
	}
	return f
}

// follow marks f as following since now; callers hold c.mu.
func (c *Corp) follow(f *OAFollower, scene, qrScene string) {
	f.Subscribed, f.SubscribeTime, f.SubscribeScene, f.QRScene = true, c.Now().Unix(), scene, qrScene
}

// following returns the follower openID, ErrNotFound unless they follow.
func (c *Corp) following(openID string) (*OAFollower, error) {
	f := c.oa.followers[openID]
	if f == nil || !f.Subscribed {
		return nil, fmt.Errorf("sandbox: %s does not follow the 公众号: %w", openID, ErrNotFound)
	}
	return f, nil
}

// newOAEvent composes a 公众号 event from openID, with the 公众号's header
// (CreateTime the corp's sandbox time); callers hold c.mu.
func (c *Corp) newOAEvent(openID, event string, fields ...xmlField) Event {
	c.st.events++
	ev := Event{Seq: c.st.events, Event: event, CreateTime: c.Now().Unix(), OA: true}
	head := []xmlField{text("ToUserName", c.cfg.OA.OriginalID), text("FromUserName", openID),
		num("CreateTime", ev.CreateTime), text("MsgType", "event"), text("Event", event)}
	ev.XML = composeXML(append(head, fields...))
	return ev
}
