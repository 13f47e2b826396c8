package member

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Find returns member id; a merged record answers with the record it was
// merged into, so a stale id still finds the person.
func (s *Service) Find(ctx context.Context, corpID, id int64) (*app.Member, error) {
	m, err := s.Store.FindMember(ctx, corpID, id)
	for hops := 0; err == nil && m.MergedInto != nil && hops < 16; hops++ {
		m, err = s.Store.FindMember(ctx, corpID, *m.MergedInto)
	}
	return m, err
}

// Lookup finds the member holding key value of kind, among the members of
// brand (its name; "" for the corp's shared pool): a phone is given in
// clear and looked up by its blind index.
func (s *Service) Lookup(ctx context.Context, corpID int64, brand, kind, value string) (*app.Member, error) {
	scope, err := s.scopeOf(ctx, corpID, brand)
	if err != nil {
		return nil, err
	}
	value = strings.TrimSpace(value)
	if kind == app.KeyPhone {
		p, ok := app.NormalizePhone(value)
		if !ok {
			return nil, app.FieldInvalid("phone", "手机号格式不正确（应为 11 位中国大陆手机号）")
		}
		value = s.Box.Index(app.KeyPhone, p)
	}
	if keyTitle(kind) == "" || value == "" {
		return nil, app.FieldInvalid("kind", "查询条件应为会员号、unionid、openid、手机号或外部联系人之一")
	}
	held, err := s.Store.HoldersOf(ctx, corpID, scope, kind, []string{value})
	if err != nil {
		return nil, err
	}
	if held[value] == 0 {
		return nil, app.Errorf(app.ENOTFOUND, "没有找到该会员")
	}
	return s.Find(ctx, corpID, held[value])
}

// scopeOf is the owner scope of the brand named, 0 for none.
func (s *Service) scopeOf(ctx context.Context, corpID int64, brand string) (int64, error) {
	if strings.TrimSpace(brand) == "" {
		return 0, nil
	}
	b, err := s.Org.FindBrandByName(ctx, corpID, strings.TrimSpace(brand))
	if app.ErrorCode(err) == app.ENOTFOUND {
		return 0, app.FieldInvalid("brand", "品牌“"+brand+"”不存在")
	}
	if err != nil {
		return 0, err
	}
	return b.Scope(), nil
}

// Reviews pages the corp's possible matches with status ("" for all).
func (s *Service) Reviews(ctx context.Context, corpID int64, status string, p app.Page) ([]app.MemberReview, int64, error) {
	return s.Store.ListReviews(ctx, corpID, status, p)
}

// Merges lists the merges member id took part in, newest first.
func (s *Service) Merges(ctx context.Context, corpID, id int64) ([]app.MemberMerge, error) {
	return s.Store.MergesOf(ctx, corpID, id)
}

// Keys lists the keys member id holds, the phone's shown masked.
func (s *Service) Keys(ctx context.Context, corpID int64, m *app.Member) ([]app.MemberIdentity, error) {
	keys, err := s.Store.IdentitiesOf(ctx, corpID, m.ID)
	for i := range keys {
		if keys[i].Kind == app.KeyPhone {
			keys[i].Value = m.PhoneMasked
		}
	}
	return keys, err
}

// RevealPhone returns member id's phone in clear and records who saw it.
// Only admins may ask (the API enforces the role); everyone else sees the
// masked number.
func (s *Service) RevealPhone(ctx context.Context, corpID, id int64) (string, error) {
	var phone string
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		m, err := s.Store.FindMember(ctx, corpID, id)
		if err != nil {
			return err
		}
		if m.PhoneSealed == "" {
			return app.Errorf(app.ENOTFOUND, "该会员没有手机号")
		}
		if phone, err = s.Box.Open(m.PhoneSealed); err != nil {
			return err
		}
		return s.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: "member.phone_view", TargetType: "member",
			TargetID: m.ID, Detail: map[string]any{"phone": m.PhoneMasked}})
	})
	return phone, err
}
