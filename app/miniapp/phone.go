package miniapp

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// BindPhone exchanges a getPhoneNumber code (single use, 5 minutes) for
// the number WeChat verified and gives it to the session's member, by
// the member rules: a record elsewhere holding the phone merges into
// theirs, or waits for review when their member numbers disagree. The
// session follows the member it lands on.
func (s *Service) BindPhone(ctx context.Context, token string, ms *app.MiniSession, code string) (*app.Member, error) {
	if code = strings.TrimSpace(code); code == "" || len(code) > 128 {
		return nil, app.FieldInvalid("code", "缺少手机号授权 code")
	}
	a, err := s.Store.FindMiniApp(ctx, ms.CorpID, ms.AppID)
	if err != nil {
		return nil, err
	}
	c, err := s.Clients.Client(ctx, a.CorpID, a.ID)
	if err != nil {
		return nil, err
	}
	p, err := c.PhoneNumber(ctx, code)
	if err != nil {
		return nil, err
	}
	phone := p.PurePhoneNumber
	if p.CountryCode != "" && p.CountryCode != "86" {
		return nil, app.Errorf(app.EINVALID, "暂只支持中国大陆手机号")
	}
	return s.bind(ctx, token, a, ms, phone)
}

// bind gives phone to the session's member and moves the session along.
func (s *Service) bind(ctx context.Context, token string, a *app.MiniApp, ms *app.MiniSession, phone string) (*app.Member, error) {
	brand, err := s.BrandOf(ctx, a)
	if err != nil {
		return nil, err
	}
	id, err := s.Members.BindPhone(ctx, a.CorpID, brand, ms.OpenID, ms.UnionID, phone)
	if err != nil {
		return nil, err
	}
	m, err := s.Members.Find(ctx, a.CorpID, id)
	if err != nil {
		return nil, err
	}
	if m.ID != ms.MemberID {
		ms.MemberID = m.ID
		if err := s.Sessions.SaveSession(ctx, token, *ms); err != nil {
			return nil, err
		}
	}
	return m, nil
}
