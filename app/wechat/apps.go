package wechat

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// RegisterApp checks a and registers it in its corp, its followers to
// become members of the brand named brand ("" for the corp's shared
// pool). Every field at fault is named at once; an appid already
// registered conflicts.
func (s *Service) RegisterApp(ctx context.Context, a *app.WeChatApp, brand string) error {
	a.ID = 0
	if err := s.checkApp(ctx, a, brand); err != nil {
		return err
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Apps.CreateWeChatApp(ctx, a); err != nil {
			return conflict(err, "该 AppID 的公众号已登记")
		}
		return s.audit(ctx, a.CorpID, "wechat_app.create", "wechat_app", a.ID, map[string]any{"appid": a.AppID, "name": a.Name})
	})
}

// UpdateApp replaces the name, brand, mode and credentials of the
// registered account a.ID (its appid stays).
func (s *Service) UpdateApp(ctx context.Context, a *app.WeChatApp, brand string) error {
	old, err := s.Apps.FindWeChatApp(ctx, a.CorpID, a.ID)
	if err != nil {
		return err
	}
	a.AppID = old.AppID
	if err := s.checkApp(ctx, a, brand); err != nil {
		return err
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Apps.UpdateWeChatApp(ctx, a); err != nil {
			return err
		}
		return s.audit(ctx, a.CorpID, "wechat_app.update", "wechat_app", a.ID, map[string]any{"appid": a.AppID, "name": a.Name})
	})
}

// checkApp validates a and resolves brand, reporting every fault at once.
func (s *Service) checkApp(ctx context.Context, a *app.WeChatApp, brand string) error {
	var f app.Fields
	if err := a.Validate(); err != nil {
		f = append(f, app.ErrorFields(err)...)
	}
	a.BrandID = nil
	if brand = strings.TrimSpace(brand); brand != "" {
		b, err := s.Org.FindBrandByName(ctx, a.CorpID, brand)
		switch {
		case app.ErrorCode(err) == app.ENOTFOUND:
			f.Add("brand", "品牌“"+brand+"”不存在")
		case err != nil:
			return err
		default:
			a.BrandID = &b.ID
		}
	}
	return f.Err()
}

// App returns the corp's 公众号 id.
func (s *Service) App(ctx context.Context, corpID, id int64) (*app.WeChatApp, error) {
	return s.Apps.FindWeChatApp(ctx, corpID, id)
}

// AppByAppID returns the 公众号 with appid, of whichever corp.
func (s *Service) AppByAppID(ctx context.Context, appid string) (*app.WeChatApp, error) {
	return s.Apps.FindWeChatAppByAppID(ctx, appid)
}

// ListApps pages the corp's 公众号.
func (s *Service) ListApps(ctx context.Context, corpID int64, p app.Page) ([]app.WeChatApp, int64, error) {
	return s.Apps.ListWeChatApps(ctx, corpID, p)
}

// brandOf is the name of the brand whose members a's followers are, ""
// for the corp's shared pool.
func (s *Service) brandOf(ctx context.Context, a *app.WeChatApp) (string, error) {
	if a.BrandID == nil {
		return "", nil
	}
	b, err := s.Org.FindBrand(ctx, a.CorpID, *a.BrandID)
	if err != nil {
		return "", err
	}
	return b.Name, nil
}

func (s *Service) audit(ctx context.Context, corpID int64, action, target string, id int64, detail map[string]any) error {
	return s.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: action, TargetType: target, TargetID: id, Detail: detail})
}

// conflict rewords a store's conflict with message.
func conflict(err error, message string) error {
	if app.ErrorCode(err) == app.ECONFLICT {
		return app.Wrap(app.ECONFLICT, err, message)
	}
	return err
}
