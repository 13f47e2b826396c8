package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// AdminStore keeps console users, their sessions and API tokens. Secrets
// arrive hashed (app/auth hashes them); lookups by hash find a credential
// without the store ever holding it.
type AdminStore struct{ db *DB }

// NewAdminStore returns an AdminStore on db (or on a transaction).
func NewAdminStore(db *DB) *AdminStore { return &AdminStore{db: db} }

// CreateAdminUser inserts u; a username taken in the corp conflicts.
func (s *AdminStore) CreateAdminUser(ctx context.Context, u *app.AdminUser) error {
	return domainError(s.db.with(ctx).Table("admin_users").Create(u).Error, "用户名")
}

// FindAdminUser returns the corp's user called username.
func (s *AdminStore) FindAdminUser(ctx context.Context, corpID int64, username string) (*app.AdminUser, error) {
	return findBy[app.AdminUser](ctx, s.db, "admin_users", corpID, "username", username, "用户")
}

// SetAdminPassword replaces the password hash of user id and ends the
// user's sessions: a password is reset because someone else may know it.
// mustChange marks a password someone else chose.
func (s *AdminStore) SetAdminPassword(ctx context.Context, corpID, id int64, hash string, mustChange bool) error {
	res := s.db.with(ctx).Table("admin_users").Where("corp_id = ? AND id = ?", corpID, id).
		Updates(map[string]any{"password_hash": hash, "must_change_password": mustChange, "updated_at": time.Now().UTC()})
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "用户不存在")
	}
	if res.Error != nil {
		return domainError(res.Error, "用户")
	}
	err := s.db.with(ctx).Table("admin_sessions").Where("corp_id = ? AND user_id = ?", corpID, id).Delete(&sessionRow{}).Error
	return domainError(err, "会话")
}

// sessionRow is a session as stored.
type sessionRow struct {
	ID        int64
	CorpID    int64
	UserID    int64
	TokenHash string
	ExpiresAt time.Time
	CreatedAt time.Time
}

// StartSession stores a session of user u under hash until expires, and
// notes the login on the user. The user's expired sessions go with it, so
// the table holds live sessions only.
func (s *AdminStore) StartSession(ctx context.Context, u *app.AdminUser, hash string, expires time.Time) error {
	now := time.Now().UTC()
	if err := s.db.with(ctx).Table("admin_sessions").Where("corp_id = ? AND user_id = ? AND expires_at < ?", u.CorpID, u.ID, now).
		Delete(map[string]any{}).Error; err != nil {
		return domainError(err, "会话")
	}
	if err := s.db.with(ctx).Table("admin_sessions").Create(&sessionRow{CorpID: u.CorpID, UserID: u.ID, TokenHash: hash, ExpiresAt: expires}).Error; err != nil {
		return domainError(err, "会话")
	}
	u.LastLoginAt = &now
	return domainError(s.db.with(ctx).Table("admin_users").Where("id = ?", u.ID).Update("last_login_at", now).Error, "用户")
}

// SessionUser returns the enabled user whose session is stored under hash
// and has not expired by now.
func (s *AdminStore) SessionUser(ctx context.Context, hash string, now time.Time) (*app.AdminUser, error) {
	var u app.AdminUser
	err := s.db.with(ctx).Table("admin_users").Select("admin_users.*").
		Joins("JOIN admin_sessions ON admin_sessions.corp_id = admin_users.corp_id AND admin_sessions.user_id = admin_users.id").
		Where("admin_sessions.token_hash = ? AND admin_sessions.expires_at > ? AND admin_users.disabled = ?", hash, now, false).
		Take(&u).Error
	return &u, domainError(err, "会话")
}

// EndSession deletes the session stored under hash, if any.
func (s *AdminStore) EndSession(ctx context.Context, hash string) error {
	return domainError(s.db.with(ctx).Table("admin_sessions").Where("token_hash = ?", hash).Delete(map[string]any{}).Error, "会话")
}

// AccountNames returns the usernames of console users and the names of
// API tokens of corpID, by id; ids of another corp are absent.
func (s *AdminStore) AccountNames(ctx context.Context, corpID int64, userIDs, tokenIDs []int64) (users, tokens map[int64]string, err error) {
	users, tokens = map[int64]string{}, map[int64]string{}
	var rows []struct {
		ID   int64
		Name string
	}
	if len(userIDs) > 0 {
		err = s.db.with(ctx).Table("admin_users").Select("id, username AS name").Where("corp_id = ? AND id IN ?", corpID, userIDs).Find(&rows).Error
		for _, r := range rows {
			users[r.ID] = r.Name
		}
	}
	if err == nil && len(tokenIDs) > 0 {
		rows = nil
		err = s.db.with(ctx).Table("api_tokens").Select("id, name").Where("corp_id = ? AND id IN ?", corpID, tokenIDs).Find(&rows).Error
		for _, r := range rows {
			tokens[r.ID] = r.Name
		}
	}
	return users, tokens, domainError(err, "账号")
}
