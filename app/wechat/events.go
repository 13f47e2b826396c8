package wechat

import (
	"context"
	"encoding/json"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// touchKinds are the touches 公众号 events become.
var touchKinds = map[string]string{
	wecom.KindOASubscribe: app.TouchOASubscribe, wecom.KindOAScan: app.TouchOAScan,
	wecom.KindOAUnsubscribe: app.TouchOAUnsubscribe, wecom.KindOAClick: app.TouchOAClick,
	wecom.KindOAView: app.TouchOAView, wecom.KindOATemplate: app.TouchOATemplate,
}

// OnEvent records one 公众号 event as a touch of the follower's member,
// the registry's subscriber for every kind in wecom.KindsOA. A follow or
// a scan asks WeChat who the follower is (user/info, for the unionid) and
// carries the store or guide of the code they came through; every event
// upserts the follower as a member of the account's brand. Run again for
// the same event it changes nothing: the touch's source is the event's
// key and the upsert sends the same keys.
func (s *Service) OnEvent(ctx context.Context, e *app.InboxEvent) error {
	ev, err := wecom.ParseOAPayload(e.Payload)
	if err != nil {
		return err
	}
	kind, ok := touchKinds[ev.Kind()]
	if !ok {
		return nil
	}
	a, err := s.Apps.FindWeChatAppByAppID(ctx, ev.AppID)
	if err != nil {
		return err
	}
	if a.CorpID != e.CorpID { // registered again elsewhere since: not this corp's follower any more
		return app.Errorf(app.ENOTFOUND, "公众号 %s 已不属于该企业", ev.AppID)
	}
	t := app.Touch{CorpID: a.CorpID, Kind: kind, SourceID: "wechat:" + e.DedupeKey, At: ev.Time()}
	detail := map[string]any{"appid": a.AppID, "openid": ev.OpenID}
	if err := s.place(ctx, a, ev, &t, detail); err != nil {
		return err
	}
	t.Detail = touchDetail(detail)
	unionID, err := s.followerUnionID(ctx, a, ev) // before the transaction: it asks WeChat
	if err != nil {
		return err
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.identify(ctx, a, ev, unionID, &t); err != nil {
			return err
		}
		return s.Touches.Record(ctx, t)
	})
}

// place fills what the touch says beyond who: the code's store, guide
// and scene for a follow or scan, the menu key or URL, the template
// message and its outcome.
func (s *Service) place(ctx context.Context, a *app.WeChatApp, ev wecom.OAEvent, t *app.Touch, detail map[string]any) error {
	switch ev.Kind() {
	case wecom.KindOASubscribe, wecom.KindOAScan:
		return s.fromCode(ctx, a, ev, t, detail)
	case wecom.KindOAClick:
		detail["key"] = app.Truncate(ev.EventKey, 128)
	case wecom.KindOAView:
		detail["url"] = app.Truncate(ev.EventKey, 512)
	case wecom.KindOATemplate:
		detail["msgid"], detail["status"] = ev.MsgID, app.Truncate(ev.Status, 64)
	}
	return nil
}

// fromCode credits a follow or scan to the code whose scene it carries: a
// guide's code names the guide (the ledger places them in their store), a
// store's or a store campaign's the store. A scene Siyu never made (a
// code made elsewhere) is kept in the detail and credits nobody.
func (s *Service) fromCode(ctx context.Context, a *app.WeChatApp, ev wecom.OAEvent, t *app.Touch, detail map[string]any) error {
	scene, ok := ev.Scene()
	if !ok {
		return nil
	}
	t.State, detail["scene"] = app.Truncate(scene, 64), app.Truncate(scene, 64)
	q, err := s.Codes.FindQRCodeByScene(ctx, a.ID, scene)
	switch {
	case app.ErrorCode(err) == app.ENOTFOUND:
		return nil
	case err != nil:
		return err
	}
	detail["qrcode_id"], detail["qrcode_kind"] = q.ID, q.Kind
	if q.Campaign != "" {
		detail["campaign"] = q.Campaign
	}
	if q.Kind == app.WeChatQRGuide {
		t.UserID = q.UserID
		return nil
	}
	t.StoreID = q.StoreID
	return nil
}

// touchDetail is detail as a touch's JSON detail.
func touchDetail(detail map[string]any) string {
	b, _ := json.Marshal(detail)
	return string(b)
}
