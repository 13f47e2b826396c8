package transfer

import (
	"context"
	"slices"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// storeOf is the store a caller is limited to: 0 for those who see the
// whole corp. Starting or reading transfers needs a console role.
func (s *Service) storeOf(ctx context.Context, corpID int64, by app.Principal) (int64, error) {
	if !app.ValidRole(by.Role) {
		return 0, app.Errorf(app.EFORBIDDEN, "当前角色（%s）无权查看或发起转接", by.Role)
	}
	return s.Org.StoreOf(ctx, corpID, by)
}

// mayHandOver refuses a store manager (own, from storeOf) handing over a
// guide of another store.
func mayHandOver(own, storeID int64) error {
	if own != 0 && own != storeID {
		return app.Errorf(app.EFORBIDDEN, "店长只能转接本店导购的客户")
	}
	return nil
}

// takers returns who takes the customers over: the named active guide, or
// the active guides of the leaver's store in userid order (guides first;
// the store's managers only when no guide is left). own is the caller's
// store as storeOf gave it.
func (s *Service) takers(ctx context.Context, req app.StartTransfer, leaver *app.Guide, own int64) ([]app.Guide, error) {
	org := s.Org
	if req.Rule == app.TransferToGuide {
		g, err := org.FindGuideByUserID(ctx, req.CorpID, req.ToUserID)
		if err == nil && g.Status != app.GuideActive {
			return nil, app.FieldInvalid("takeover_userid", "接替导购已离职，请选择在职导购")
		}
		if app.ErrorCode(err) == app.ENOTFOUND {
			return nil, app.FieldInvalid("takeover_userid", "接替导购 "+req.ToUserID+" 不存在")
		}
		if err == nil {
			err = mayHandOver(own, g.StoreID)
		}
		return []app.Guide{*g}, err
	}
	gs, _, err := org.ListGuides(ctx, req.CorpID, app.GuideFilter{Page: app.Page{Limit: app.MaxPageSize}, StoreID: leaver.StoreID, Status: app.GuideActive})
	if err != nil {
		return nil, err
	}
	gs = slices.DeleteFunc(gs, func(g app.Guide) bool { return g.UserID == leaver.UserID })
	guides := slices.DeleteFunc(slices.Clone(gs), func(g app.Guide) bool { return g.Role != app.GuideRoleGuide })
	if len(guides) > 0 {
		gs = guides
	}
	if len(gs) == 0 {
		return nil, app.FieldInvalid("rule", "门店没有其他在职导购可以接替，请指定接替导购")
	}
	slices.SortFunc(gs, func(a, b app.Guide) int { return strings.Compare(a.UserID, b.UserID) })
	return gs, nil
}
