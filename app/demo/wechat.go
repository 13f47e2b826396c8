package demo

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// WeChatApps registers the demo's 公众号 in Siyu (app/wechat).
type WeChatApps interface {
	AppByAppID(ctx context.Context, appid string) (*app.WeChatApp, error)
	RegisterApp(ctx context.Context, a *app.WeChatApp, brand string) error
	UpdateApp(ctx context.Context, a *app.WeChatApp, brand string) error
}

// connectWeChat registers the 公众号 the sandbox plays for the demo corp
// (or refreshes its credentials, derived from the corp id, so normally
// the same), points its server configuration at Siyu and checks it as the
// 公众平台 does when an admin saves it.
func (d *Demo) connectWeChat(ctx context.Context, s Siyu, corpID int64) error {
	oa := d.corp.OA()
	want := &app.WeChatApp{CorpID: corpID, AppID: oa.AppID, Name: "演示公众号（沙箱）", Token: oa.Token,
		EncodingAESKey: oa.EncodingAESKey, AppSecret: oa.Secret}
	ctx = app.WithActor(ctx, "system:demo")
	old, err := s.WeChat.AppByAppID(ctx, oa.AppID)
	switch {
	case app.ErrorCode(err) == app.ENOTFOUND:
		err = s.WeChat.RegisterApp(ctx, want, "")
	case err != nil:
	case old.CorpID != corpID:
		err = fmt.Errorf("公众号 %s already belongs to another corp", oa.AppID)
	default:
		want.ID, want.Name, want.Mode = old.ID, old.Name, old.Mode
		err = s.WeChat.UpdateApp(ctx, want, "")
	}
	if err != nil {
		return fmt.Errorf("register the demo 公众号: %w", err)
	}
	d.corp.SetOACallbackURL(s.BaseURL + app.WeChatCallbackPath(oa.AppID))
	if err := d.corp.VerifyOACallbackURL(ctx); err != nil {
		d.log().Warn("the sandbox could not verify Siyu's 公众号 server URL", "err", err)
	}
	return nil
}
