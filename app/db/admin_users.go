package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// ListAdminUsers returns a page of the corp's console users in id order.
func (s *AdminStore) ListAdminUsers(ctx context.Context, corpID int64, p app.Page) ([]app.AdminUser, int64, error) {
	return listIn(ctx, s.db, "admin_users", corpID, p, func(u app.AdminUser) int64 { return u.ID }, "用户")
}

// FindAdminUserByID returns the corp's user id.
func (s *AdminStore) FindAdminUserByID(ctx context.Context, corpID, id int64) (*app.AdminUser, error) {
	return findBy[app.AdminUser](ctx, s.db, "admin_users", corpID, "id", id, "用户")
}

// UpdateAdminUser sets the role and the disabled flag of user id. A user
// disabled, or given another role, signs in again: their sessions end.
func (s *AdminStore) UpdateAdminUser(ctx context.Context, corpID, id int64, role string, disabled bool) error {
	res := s.db.with(ctx).Table("admin_users").Where("corp_id = ? AND id = ?", corpID, id).
		Updates(map[string]any{"role": role, "disabled": disabled, "updated_at": time.Now().UTC()})
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "用户不存在")
	}
	if res.Error != nil {
		return domainError(res.Error, "用户")
	}
	err := s.db.with(ctx).Table("admin_sessions").Where("corp_id = ? AND user_id = ?", corpID, id).Delete(&sessionRow{}).Error
	return domainError(err, "会话")
}
