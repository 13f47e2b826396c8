package auth

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// CreateToken validates t, stores a new token's hash under it and returns
// the token: the only time it is ever shown.
func (s *Service) CreateToken(ctx context.Context, t *app.APIToken) (string, error) {
	var f app.Fields
	t.Name = strings.TrimSpace(t.Name)
	f.Check(t.Name == "" || utf8.RuneCountInString(t.Name) > 64, "name", "令牌名称不能为空且不超过64个字符")
	checkRole(&f, t.Role)
	if err := f.Err(); err != nil {
		return "", err
	}
	secret, hash, err := newSecret(TokenPrefix)
	if err != nil {
		return "", err
	}
	t.TokenHash, t.Prefix, t.CreatedBy = hash, secret[:len(TokenPrefix)+6], app.Actor(ctx)
	err = s.audited(ctx, t.CorpID, "token.create", "api_token", func(ctx context.Context) (int64, any, error) {
		err := s.st.CreateToken(ctx, t)
		return t.ID, map[string]any{"name": t.Name, "role": t.Role, "prefix": t.Prefix}, err
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// ListTokens returns a page of the corp's tokens (never the tokens).
func (s *Service) ListTokens(ctx context.Context, corpID int64, p app.Page) ([]app.APIToken, int64, error) {
	return s.st.ListTokens(ctx, corpID, p)
}

// RevokeToken ends a token for good; revoking twice is no error.
func (s *Service) RevokeToken(ctx context.Context, corpID, id int64) error {
	return s.audited(ctx, corpID, "token.revoke", "api_token", func(ctx context.Context) (int64, any, error) {
		t, err := s.st.FindToken(ctx, corpID, id)
		if err != nil {
			return 0, nil, err
		}
		return id, map[string]any{"name": t.Name, "prefix": t.Prefix}, s.st.RevokeToken(ctx, corpID, id, s.now())
	})
}
