package auth

import (
	"context"
	"strconv"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
)

// errLogin is the one answer to every failed login: it never says whether
// the user exists, is disabled, or typed the wrong password.
var errLogin = app.Errorf(app.EUNAUTHORIZED, "用户名或密码错误")

// Login checks a user's password and opens a session. An unknown user
// costs the same bcrypt comparison as a known one, so timing does not
// reveal which usernames exist.
func (s *Service) Login(ctx context.Context, corpID int64, username, password string) (*app.SignIn, error) {
	st := s.st
	u, err := st.FindAdminUser(ctx, corpID, username)
	if app.ErrorCode(err) == app.ENOTFOUND {
		_ = bcrypt.CompareHashAndPassword(s.dummy, []byte(password))
		return nil, errLogin
	}
	if err != nil {
		return nil, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil || u.Disabled {
		return nil, errLogin
	}
	secret, hash, err := newSecret(SessionPrefix)
	if err != nil {
		return nil, err
	}
	expires := s.now().Add(s.ttl)
	if err := st.StartSession(ctx, u, hash, expires); err != nil {
		return nil, err
	}
	return &app.SignIn{Token: secret, ExpiresAt: expires, User: u}, nil
}

// Logout ends the session credential names; ending an ended one is fine.
func (s *Service) Logout(ctx context.Context, credential string) error {
	if !strings.HasPrefix(credential, SessionPrefix) {
		return nil
	}
	return s.st.EndSession(ctx, hashOf(credential))
}

// errCredential answers a session or token that is unknown, expired or
// revoked, without saying which.
var errCredential = app.Errorf(app.EUNAUTHORIZED, "登录已失效或令牌无效，请重新登录")

// Authenticate returns who a session or API token acts for.
func (s *Service) Authenticate(ctx context.Context, credential string) (*app.Principal, error) {
	st := s.st
	switch {
	case strings.HasPrefix(credential, SessionPrefix):
		u, err := st.SessionUser(ctx, hashOf(credential), s.now())
		if err != nil {
			return nil, unauthorized(err)
		}
		return &app.Principal{CorpID: u.CorpID, Role: u.Role, Actor: "user:" + strconv.FormatInt(u.ID, 10), Name: u.Username,
			MustChangePassword: u.MustChangePassword}, nil
	case strings.HasPrefix(credential, TokenPrefix):
		t, err := st.ActiveToken(ctx, hashOf(credential))
		if err != nil {
			return nil, unauthorized(err)
		}
		if err := s.touch(ctx, st, t); err != nil {
			return nil, err
		}
		return &app.Principal{CorpID: t.CorpID, Role: t.Role, Actor: "token:" + strconv.FormatInt(t.ID, 10), Name: t.Name}, nil
	}
	return nil, errCredential
}

// touch records the use of token t. The token was just read, so a use
// noted within the minute is seen here and costs no write: every request a
// script makes passes through Authenticate.
func (s *Service) touch(ctx context.Context, st Tokens, t *app.APIToken) error {
	now := s.now()
	if t.LastUsedAt != nil && now.Sub(*t.LastUsedAt) < app.TokenTouchEvery {
		return nil
	}
	return st.TouchToken(ctx, t.ID, now)
}

// unauthorized turns a missing row into errCredential and keeps any other
// failure (a database outage is not the caller's fault).
func unauthorized(err error) error {
	if app.ErrorCode(err) == app.ENOTFOUND {
		return errCredential
	}
	return err
}
