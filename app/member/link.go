package member

import (
	"context"
	"maps"
	"slices"

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
	for _, kind := range matchKinds {
		values := keyValues(keys, kind)
		held, err := s.Store.HoldersOf(ctx, corpID, scope, kind, values)
		if err != nil {
			return nil, err
		}
		for _, v := range values {
			if id := held[v]; id != 0 {
				return s.Store.FindMember(ctx, corpID, id)
			}
		}
	}
	return nil, nil
}

// MatchMembers finds the member each set of keys points at in scope, as
// MatchMember does one by one, but asking once per kind of key for all of
// them (in pages of matchPage values): a batch of a thousand orders costs
// a handful of lookups, not thousands.
func (s *Service) MatchMembers(ctx context.Context, corpID, scope int64, keys []app.MemberKeys) ([]int64, error) {
	out := make([]int64, len(keys))
	for _, kind := range matchKinds {
		var values []string
		for i, k := range keys {
			if out[i] == 0 {
				values = append(values, keyValues(k, kind)...)
			}
		}
		held, err := s.heldIn(ctx, corpID, scope, kind, values)
		if err != nil {
			return nil, err
		}
		for i, k := range keys {
			for _, v := range keyValues(k, kind) {
				if out[i] == 0 && held[v] != 0 {
					out[i] = held[v]
				}
			}
		}
	}
	return out, nil
}

// matchKinds are the kinds of key in the order MatchMember tries them.
var matchKinds = []string{app.KeyMemberNo, app.KeyUnionID, app.KeyOpenID, app.KeyPhone, app.KeyExternal}

// matchPage is how many values one lookup of MatchMembers names.
const matchPage = 500

// heldIn reads who holds values of kind, a page of values at a time.
func (s *Service) heldIn(ctx context.Context, corpID, scope int64, kind string, values []string) (map[string]int64, error) {
	out := map[string]int64{}
	for page := range slices.Chunk(values, matchPage) {
		held, err := s.Store.HoldersOf(ctx, corpID, scope, kind, page)
		if err != nil {
			return nil, err
		}
		maps.Copy(out, held)
	}
	return out, nil
}

// keyValues are the values of kind among k.
func keyValues(k app.MemberKeys, kind string) []string {
	switch kind {
	case app.KeyMemberNo:
		return nonEmpty(k.MemberNo)
	case app.KeyUnionID:
		return nonEmpty(k.UnionID)
	case app.KeyOpenID:
		return k.OpenIDs
	case app.KeyPhone:
		return nonEmpty(k.PhoneIndex)
	}
	return k.Externals
}

func nonEmpty(v string) []string {
	if v == "" {
		return nil
	}
	return []string{v}
}
