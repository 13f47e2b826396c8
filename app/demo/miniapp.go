package demo

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// MiniApps registers the demo's mini-program in Siyu (app/miniapp).
type MiniApps interface {
	AppByAppID(ctx context.Context, appid string) (*app.MiniApp, error)
	RegisterApp(ctx context.Context, a *app.MiniApp, brand string) error
	UpdateApp(ctx context.Context, a *app.MiniApp, brand string) error
}

// Demo subscribe templates: the sandbox takes any template id a consumer
// accepted (control action mini-subscribe).
const (
	demoJoinTemplate   = "demo-tpl-join"
	demoRewardTemplate = "demo-tpl-reward"
)

// connectMini registers the mini-program the sandbox plays for the demo
// corp (or refreshes its secret, derived from the corp id, so normally
// the same), so consumers log in through /api/mini/v1 with the codes of
// `siyu sandbox act mini-login`.
func (d *Demo) connectMini(ctx context.Context, s Siyu, corpID int64) error {
	cfg := d.corp.Config()
	want := &app.MiniApp{CorpID: corpID, AppID: cfg.MiniAppID, Name: "演示小程序（沙箱）", AppSecret: cfg.MiniAppSecret,
		JoinTemplate: demoJoinTemplate, RewardTemplate: demoRewardTemplate, CampaignPage: "pages/campaign/index"}
	ctx = app.WithActor(ctx, "system:demo")
	old, err := s.MiniApps.AppByAppID(ctx, cfg.MiniAppID)
	switch {
	case app.ErrorCode(err) == app.ENOTFOUND:
		err = s.MiniApps.RegisterApp(ctx, want, "")
	case err != nil:
	case old.CorpID != corpID:
		err = fmt.Errorf("mini-program %s already belongs to another corp", cfg.MiniAppID)
	default:
		want.ID, want.Name, want.JoinTemplate, want.RewardTemplate, want.CampaignPage = old.ID, old.Name, old.JoinTemplate, old.RewardTemplate, old.CampaignPage
		err = s.MiniApps.UpdateApp(ctx, want, "")
	}
	if err != nil {
		return fmt.Errorf("register the demo mini-program: %w", err)
	}
	return nil
}
