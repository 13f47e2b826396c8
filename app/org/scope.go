package org

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// StoreOf is the store a console caller is limited to: 0 for operators,
// admins and analysts, who see the whole corp; a store manager's own
// store. A console user of role store_manager is bound to their store by
// their username, which is their WeCom userid: an active guide binding
// with role store_manager. API tokens carry no such binding.
func (s *Service) StoreOf(ctx context.Context, corpID int64, by app.Principal) (int64, error) {
	if by.Role != app.RoleStoreManager {
		return 0, nil
	}
	if !strings.HasPrefix(by.Actor, "user:") {
		return 0, app.Errorf(app.EFORBIDDEN, "店长角色的令牌无法确定所属门店，请使用店长账号登录")
	}
	g, err := s.st.FindGuideByUserID(ctx, corpID, by.Name)
	if err == nil && (g.Role != app.GuideRoleManager || g.Status != app.GuideActive) {
		err = app.Errorf(app.ENOTFOUND, "")
	}
	if app.ErrorCode(err) == app.ENOTFOUND {
		return 0, app.Errorf(app.EFORBIDDEN, "账号 %s 不是在职店长：店长账号的用户名须为其企业微信 userid", by.Name)
	}
	return g.StoreID, err
}
