package miniapp

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Login is a consumer logging in: the session Siyu made and its token.
type Login struct {
	Token   string
	Session app.MiniSession
	Member  *app.Member
}

// Login exchanges a wx.login code of the mini-program appid for the
// consumer's ids (jscode2session: the only ids Siyu trusts), finds or
// creates their member, and opens a session every instance reads.
func (s *Service) Login(ctx context.Context, appid, code string) (*Login, error) {
	appid, code = strings.TrimSpace(appid), strings.TrimSpace(code)
	var f app.Fields
	f.Check(appid == "", "appid", "缺少小程序 AppID")
	f.Check(code == "" || len(code) > 128, "code", "缺少登录 code")
	if err := f.Err(); err != nil {
		return nil, err
	}
	a, err := s.Store.FindMiniAppByAppID(ctx, appid)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil, app.Errorf(app.ENOTFOUND, "小程序未在思域登记")
	} else if err != nil {
		return nil, err
	}
	ws, err := s.session(ctx, a, code)
	if err != nil {
		return nil, err
	}
	return s.open(ctx, a, ws)
}

// session is jscode2session for a's code.
func (s *Service) session(ctx context.Context, a *app.MiniApp, code string) (*app.MiniSession, error) {
	c, err := s.Clients.Client(ctx, a.CorpID, a.ID)
	if err != nil {
		return nil, err
	}
	ws, err := c.Code2Session(ctx, code)
	if err != nil {
		return nil, err
	}
	return &app.MiniSession{CorpID: a.CorpID, AppID: a.ID, OpenID: ws.OpenID, UnionID: ws.UnionID}, nil
}

// open finds the consumer's member and saves their session.
func (s *Service) open(ctx context.Context, a *app.MiniApp, ms *app.MiniSession) (*Login, error) {
	brand, err := s.BrandOf(ctx, a)
	if err != nil {
		return nil, err
	}
	if ms.MemberID, err = s.Members.Consumer(ctx, a.CorpID, brand, ms.OpenID, ms.UnionID); err != nil {
		return nil, err
	}
	m, err := s.Members.Find(ctx, a.CorpID, ms.MemberID)
	if err != nil {
		return nil, err
	}
	ms.MemberID, ms.ExpiresAt = m.ID, s.Now().Add(s.SessionTTL).UTC()
	tok, err := newToken()
	if err != nil {
		return nil, err
	}
	if err := s.Sessions.SaveSession(ctx, tok, *ms); err != nil {
		return nil, err
	}
	return &Login{Token: tok, Session: *ms, Member: m}, nil
}

// Session returns the live session of token; unauthorized when none is.
func (s *Service) Session(ctx context.Context, token string) (*app.MiniSession, error) {
	if token == "" {
		return nil, app.Errorf(app.EUNAUTHORIZED, "请先登录小程序")
	}
	ms, err := s.Sessions.Session(ctx, token)
	if err != nil {
		return nil, err
	}
	if !s.Now().Before(ms.ExpiresAt) {
		return nil, app.Errorf(app.EUNAUTHORIZED, "登录已过期，请重新登录")
	}
	return ms, nil
}

// Logout ends the session of token.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.Sessions.DropSession(ctx, token)
}

// newToken is a random session token: 32 bytes, URL-safe.
func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", app.Wrap(app.EINTERNAL, err, "")
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
