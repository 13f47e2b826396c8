package member

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// link gives member m what its keys now find: the corp's WeCom customers
// WeCom reports with its unionid, and the orders that arrived before it.
// It runs in the upsert's transaction, so a member and its links commit
// together.
func (s *Service) link(ctx context.Context, m *app.Member) error {
	if err := s.linkCustomers(ctx, m); err != nil {
		return err
	}
	if s.Orders == nil {
		return nil
	}
	keys, err := s.keysOf(ctx, m)
	if err != nil {
		return err
	}
	_, err = s.Orders.LinkOrders(ctx, m.CorpID, m.Scope, m.ID, keys)
	return err
}

// linkCustomers adds the external_userids of the customers sharing m's
// unionid that no member holds yet.
func (s *Service) linkCustomers(ctx context.Context, m *app.Member) error {
	if s.Customers == nil || m.UnionID == "" {
		return nil
	}
	exts, err := s.Customers.ExternalsByUnionID(ctx, m.CorpID, m.UnionID)
	if err != nil || len(exts) == 0 {
		return err
	}
	held, err := s.Store.HoldersOf(ctx, m.CorpID, m.Scope, app.KeyExternal, exts)
	if err != nil {
		return err
	}
	var add []app.MemberIdentity
	for _, e := range exts {
		if held[e] == 0 {
			add = append(add, app.MemberIdentity{CorpID: m.CorpID, Scope: m.Scope, MemberID: m.ID, Kind: app.KeyExternal, Value: e})
		}
	}
	return s.Store.AddIdentities(ctx, add)
}

// keysOf gathers the keys member m holds.
func (s *Service) keysOf(ctx context.Context, m *app.Member) (app.MemberKeys, error) {
	ids, err := s.Store.IdentitiesOf(ctx, m.CorpID, m.ID)
	var k app.MemberKeys
	for _, id := range ids {
		switch id.Kind {
		case app.KeyMemberNo:
			k.MemberNo = id.Value
		case app.KeyUnionID:
			k.UnionID = id.Value
		case app.KeyOpenID:
			k.OpenIDs = append(k.OpenIDs, id.Value)
		case app.KeyPhone:
			k.PhoneIndex = id.Value
		case app.KeyExternal:
			k.Externals = append(k.Externals, id.Value)
		}
	}
	return k, err
}

// MatchMember finds the member keys point at in scope, trying the
// strongest key first: member number, unionid, openid, phone, then
// external_userid.
func (s *Service) MatchMember(ctx context.Context, corpID, scope int64, keys app.MemberKeys) (*app.Member, error) {
	for _, try := range []struct {
		kind   string
		values []string
	}{{app.KeyMemberNo, nonEmpty(keys.MemberNo)}, {app.KeyUnionID, nonEmpty(keys.UnionID)}, {app.KeyOpenID, keys.OpenIDs},
		{app.KeyPhone, nonEmpty(keys.PhoneIndex)}, {app.KeyExternal, keys.Externals}} {
		held, err := s.Store.HoldersOf(ctx, corpID, scope, try.kind, try.values)
		if err != nil {
			return nil, err
		}
		for _, v := range try.values {
			if id := held[v]; id != 0 {
				return s.Store.FindMember(ctx, corpID, id)
			}
		}
	}
	return nil, nil
}

func nonEmpty(v string) []string {
	if v == "" {
		return nil
	}
	return []string{v}
}
