package panel

import (
	"context"
	"encoding/json"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// ShareLinks makes guides' trackable links (/s/<code>) and finds them
// again by code (app/touch keeps them).
type ShareLinks interface {
	CreateGuideLink(ctx context.Context, corpID int64, userID, target, title string) (*app.ShareLink, error)
	FindShareLink(ctx context.Context, code string) (*app.ShareLink, error)
}

// sendsShown is how many of the viewer's sends the page lists, among the
// customer's latest touches read for them.
const (
	sendsShown = 5
	sendsRead  = 50
)

// Send is content the viewer sent from the panel into the chat, as their
// WeCom client reported it: self-reported, since WeCom keeps no record of
// what the side panel sends.
type Send struct {
	At           time.Time
	Title        string
	Target       string
	SelfReported bool
}

// ShareLink makes the viewer's trackable link to target, to send into
// the chat with the customer: clicks on it count for the viewer.
func (s *Service) ShareLink(ctx context.Context, v app.PanelViewer, ext, target, title string) (*app.ShareLink, error) {
	if s.shares == nil {
		return nil, app.Errorf(app.EUNAVAILABLE, "分享链接暂不可用")
	}
	if err := s.mayView(ctx, v, ext); err != nil {
		return nil, err
	}
	return s.shares.CreateGuideLink(app.WithActor(ctx, "staff:"+v.UserID), v.CorpID, v.UserID, target, title)
}

// RecordSend keeps in the touch ledger that the viewer's client sent their
// link code into the chat with the customer, marked self-reported. The
// link is the source: a page retrying the report records one touch.
func (s *Service) RecordSend(ctx context.Context, v app.PanelViewer, ext, code string) error {
	if s.shares == nil || s.touches == nil {
		return app.Errorf(app.EUNAVAILABLE, "发送记录暂不可用")
	}
	if err := s.mayView(ctx, v, ext); err != nil {
		return err
	}
	l, err := s.shares.FindShareLink(ctx, code)
	if err == nil && (l.CorpID != v.CorpID || l.UserID != v.UserID) {
		err = app.Errorf(app.ENOTFOUND, "没有找到你的这条分享链接")
	}
	if err != nil {
		return err
	}
	detail, _ := json.Marshal(map[string]any{"self_reported": true, "msgtype": "news", "code": l.Code, "title": l.Title, "target": l.Target})
	return s.touches.Record(ctx, app.Touch{CorpID: v.CorpID, Kind: app.TouchPanelSend, SourceID: "panel-send:" + l.Code,
		ExternalUserID: ext, UserID: v.UserID, StoreID: l.StoreID, SelfReported: true, Detail: string(detail), At: s.now().UTC()})
}

// sends lists on the page the viewer's latest sends to the customer.
func (s *Service) sends(ctx context.Context, v app.PanelViewer, ext string, p *CustomerPage) error {
	if s.touches == nil {
		return nil
	}
	ts, err := s.touches.Touches(ctx, v.CorpID, ext, sendsRead)
	for _, t := range ts {
		if t.Kind != app.TouchPanelSend || t.UserID != v.UserID || len(p.Sends) == sendsShown {
			continue
		}
		var d struct{ Title, Target string }
		_ = json.Unmarshal([]byte(t.Detail), &d) // a detail that does not read shows the send without them
		p.Sends = append(p.Sends, Send{At: t.At, Title: d.Title, Target: d.Target, SelfReported: t.SelfReported})
	}
	return err
}
