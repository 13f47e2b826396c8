package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// CreateToken inserts t (with its hash set).
func (s *AdminStore) CreateToken(ctx context.Context, t *app.APIToken) error {
	return domainError(s.db.with(ctx).Table("api_tokens").Create(t).Error, "API 令牌")
}

// ListTokens returns a page of the corp's tokens, revoked ones included.
func (s *AdminStore) ListTokens(ctx context.Context, corpID int64, p app.Page) ([]app.APIToken, int64, error) {
	return listIn(ctx, s.db, "api_tokens", corpID, p, func(t app.APIToken) int64 { return t.ID }, "API 令牌")
}

// FindToken returns token id of corpID.
func (s *AdminStore) FindToken(ctx context.Context, corpID, id int64) (*app.APIToken, error) {
	return findBy[app.APIToken](ctx, s.db, "api_tokens", corpID, "id", id, "API 令牌")
}

// ActiveToken returns the unrevoked token stored under hash.
func (s *AdminStore) ActiveToken(ctx context.Context, hash string) (*app.APIToken, error) {
	var t app.APIToken
	err := s.db.with(ctx).Table("api_tokens").Where("token_hash = ? AND revoked_at IS NULL", hash).Take(&t).Error
	return &t, domainError(err, "API 令牌")
}

// RevokeToken marks token id revoked at at; it is never valid again.
func (s *AdminStore) RevokeToken(ctx context.Context, corpID, id int64, at time.Time) error {
	res := s.db.with(ctx).Table("api_tokens").Where("corp_id = ? AND id = ? AND revoked_at IS NULL", corpID, id).
		Updates(map[string]any{"revoked_at": at, "updated_at": at})
	return domainError(res.Error, "API 令牌")
}

// TouchToken records that token id was used at at, at most once every
// app.TokenTouchEvery (the condition holds between concurrent requests too).
func (s *AdminStore) TouchToken(ctx context.Context, id int64, at time.Time) error {
	err := s.db.with(ctx).Table("api_tokens").Where("id = ? AND (last_used_at IS NULL OR last_used_at < ?)", id, at.Add(-app.TokenTouchEvery)).
		Update("last_used_at", at).Error
	return domainError(err, "API 令牌")
}
