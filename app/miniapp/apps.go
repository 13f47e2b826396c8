package miniapp

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// RegisterApp checks a and registers it in its corp, its consumers to
// become members of the brand named brand ("" for the corp's shared
// pool). Every field at fault is named at once; an appid already
// registered conflicts.
func (s *Service) RegisterApp(ctx context.Context, a *app.MiniApp, brand string) error {
	a.ID = 0
	if err := s.checkApp(ctx, a, brand); err != nil {
		return err
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.CreateMiniApp(ctx, a); err != nil {
			if app.ErrorCode(err) == app.ECONFLICT {
				return app.Wrap(app.ECONFLICT, err, "该 AppID 的小程序已登记")
			}
			return err
		}
		return s.audit(ctx, a, "mini_app.create")
	})
}

// UpdateApp replaces the name, brand, templates, page and secret of the
// registered mini-program a.ID (its appid stays).
func (s *Service) UpdateApp(ctx context.Context, a *app.MiniApp, brand string) error {
	old, err := s.Store.FindMiniApp(ctx, a.CorpID, a.ID)
	if err != nil {
		return err
	}
	a.AppID = old.AppID
	if err := s.checkApp(ctx, a, brand); err != nil {
		return err
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.UpdateMiniApp(ctx, a); err != nil {
			return err
		}
		return s.audit(ctx, a, "mini_app.update")
	})
}

// checkApp validates a and resolves brand, reporting every fault at once.
func (s *Service) checkApp(ctx context.Context, a *app.MiniApp, brand string) error {
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

// App returns the corp's mini-program id.
func (s *Service) App(ctx context.Context, corpID, id int64) (*app.MiniApp, error) {
	return s.Store.FindMiniApp(ctx, corpID, id)
}

// AppByAppID returns the mini-program with appid, of whichever corp.
func (s *Service) AppByAppID(ctx context.Context, appid string) (*app.MiniApp, error) {
	return s.Store.FindMiniAppByAppID(ctx, appid)
}

// ListApps pages the corp's mini-programs.
func (s *Service) ListApps(ctx context.Context, corpID int64, p app.Page) ([]app.MiniApp, int64, error) {
	return s.Store.ListMiniApps(ctx, corpID, p)
}

// BrandOf is the name of the brand whose members a's consumers are, ""
// for the corp's shared pool.
func (s *Service) BrandOf(ctx context.Context, a *app.MiniApp) (string, error) {
	if a.BrandID == nil {
		return "", nil
	}
	b, err := s.Org.FindBrand(ctx, a.CorpID, *a.BrandID)
	if err != nil {
		return "", err
	}
	return b.Name, nil
}

func (s *Service) audit(ctx context.Context, a *app.MiniApp, action string) error {
	return s.Audit.Record(ctx, app.AuditChange{CorpID: a.CorpID, Action: action, TargetType: "mini_app", TargetID: a.ID,
		Detail: map[string]any{"appid": a.AppID, "name": a.Name}})
}

// AppFor is the corp's mini-program serving the brand brandID (nil: the
// shared pool): the brand's own, else the shared pool's, else the first
// registered; not found when the corp has none. A capability issuing
// codes or notices for a brand picks its mini-program by it.
func (s *Service) AppFor(ctx context.Context, corpID int64, brandID *int64) (*app.MiniApp, error) {
	apps, _, err := s.Store.ListMiniApps(ctx, corpID, app.Page{Limit: app.MaxPageSize})
	if err != nil {
		return nil, err
	}
	var pool *app.MiniApp
	for i := range apps {
		switch a := &apps[i]; {
		case brandID != nil && a.BrandID != nil && *a.BrandID == *brandID:
			return a, nil
		case a.BrandID == nil && pool == nil:
			pool = a
		}
	}
	switch {
	case pool != nil:
		return pool, nil
	case len(apps) > 0:
		return &apps[0], nil
	}
	return nil, app.Errorf(app.ENOTFOUND, "企业尚未登记小程序")
}
