package order

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// check turns inputs into drafts, refusing every bad field of every order
// at once: the format of each, then what needs the database (store codes,
// a refund's sale and how much of it is left). The good drafts are linked
// to their members when a matcher is wired. Every draft is returned, the
// refused ones too (an import writes the others).
func (s *Service) check(ctx context.Context, corpID int64, in []app.OrderInput) ([]*draft, *refusal, error) {
	bad := newRefusal(app.EINVALID)
	ds := make([]*draft, len(in))
	for i, x := range in {
		d, f := s.normalize(corpID, x)
		ds[i] = d
		bad.merge(i, f)
	}
	if err := s.resolveStores(ctx, corpID, ds, bad); err != nil {
		return nil, nil, err
	}
	if err := s.checkRefunds(ctx, corpID, ds, bad); err != nil {
		return nil, nil, err
	}
	return ds, bad.orNil(), s.match(ctx, corpID, ds, bad)
}

// resolveStores sets each draft's store and owner scope from its store
// code, with two queries for the whole set.
func (s *Service) resolveStores(ctx context.Context, corpID int64, ds []*draft, bad *refusal) error {
	var codes []string
	for _, d := range ds {
		if d.storeCode != "" {
			codes = append(codes, d.storeCode)
		}
	}
	if len(codes) == 0 {
		return nil
	}
	stores, err := s.Org.StoresByCode(ctx, corpID, codes)
	if err != nil {
		return err
	}
	var brandIDs []int64
	for _, st := range stores {
		if st.BrandID != nil {
			brandIDs = append(brandIDs, *st.BrandID)
		}
	}
	brands, err := s.Org.BrandsByID(ctx, corpID, brandIDs)
	if err != nil {
		return err
	}
	for i, d := range ds {
		st, ok := stores[d.storeCode]
		switch {
		case d.storeCode == "":
		case !ok:
			bad.add(i, "store_code", fmt.Sprintf("门店 %s 不存在", d.storeCode))
		default:
			d.order.StoreID = &st.ID
			d.order.Scope = scopeOf(st, brands)
		}
	}
	return nil
}

// scopeOf is the owner scope of st's customers (app.Brand.Scope).
func scopeOf(st app.Store, brands map[int64]app.Brand) int64 {
	if st.BrandID == nil {
		return 0
	}
	b, ok := brands[*st.BrandID]
	if !ok {
		return 0
	}
	return b.Scope()
}

// match links each good draft carrying member keys to the member they
// find in its scope, asking once per scope for the whole batch.
func (s *Service) match(ctx context.Context, corpID int64, ds []*draft, bad *refusal) error {
	if s.Members == nil {
		return nil
	}
	byScope := map[int64][]*draft{}
	for i, d := range ds {
		if !bad.refused(i) && hasMemberKeys(keysOf(&d.order)) {
			byScope[d.order.Scope] = append(byScope[d.order.Scope], d)
		}
	}
	for scope, group := range byScope {
		keys := make([]app.MemberKeys, len(group))
		for i, d := range group {
			keys[i] = keysOf(&d.order)
		}
		ids, err := s.Members.MatchMembers(ctx, corpID, scope, keys)
		if err != nil {
			return fmt.Errorf("match orders to members: %w", err)
		}
		for i, d := range group {
			if ids[i] != 0 {
				d.order.MemberID = &ids[i]
			}
		}
	}
	return nil
}

// hasMemberKeys tells whether an order names its buyer at all.
func hasMemberKeys(k app.MemberKeys) bool {
	return k.MemberNo != "" || k.UnionID != "" || len(k.OpenIDs) > 0 || k.PhoneIndex != ""
}

// keysOf are the member keys an order carries.
func keysOf(o *app.Order) app.MemberKeys {
	k := app.MemberKeys{MemberNo: o.MemberNo, UnionID: o.UnionID, PhoneIndex: o.PhoneIndex}
	if o.OpenID != "" {
		k.OpenIDs = []string{o.OpenID}
	}
	return k
}
