package attribution

import (
	"context"
	"maps"
	"slices"

	"github.com/siyu-scrm/siyu/app"
)

// bases gathers, for each sale of orders, what its credit is decided
// from: its buyer's touches (the member it was linked to, through any
// merge, with every merged record's and WeCom customer's touches), and
// the stores and guides the order and the touches name.
func (s *Service) bases(ctx context.Context, corpID int64, orders []app.Order) (map[int64]Basis, error) {
	var members []int64
	for _, o := range orders {
		if o.MemberID != nil && o.Kind == app.OrderSale {
			members = append(members, *o.MemberID)
		}
	}
	survivor, err := s.Store.Survivors(ctx, corpID, members)
	if err != nil {
		return nil, err
	}
	roots := make([]int64, 0, len(survivor))
	for _, id := range survivor {
		roots = append(roots, id)
	}
	touches, err := s.Store.BuyerTouches(ctx, corpID, roots)
	if err != nil {
		return nil, err
	}
	stores, guides, err := s.named(ctx, corpID, orders, touches)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Basis, len(orders))
	for _, o := range orders {
		b := Basis{Order: o, Stores: stores, Guides: guides}
		if o.MemberID != nil {
			b.Touches = touches[survivor[*o.MemberID]]
		}
		out[o.ID] = b
	}
	return out, nil
}

// named reads the stores and guides the orders and touches name.
func (s *Service) named(ctx context.Context, corpID int64, orders []app.Order, touches map[int64][]app.Touch) (map[int64]app.Store, map[string]app.Guide, error) {
	storeIDs, codes := map[int64]bool{}, map[string]bool{}
	for _, o := range orders {
		if o.StoreID != nil {
			storeIDs[*o.StoreID] = true
		}
		if o.GuideCode != "" {
			codes[o.GuideCode] = true
		}
	}
	for _, ts := range touches {
		for _, t := range ts {
			if t.StoreID != nil {
				storeIDs[*t.StoreID] = true
			}
		}
	}
	stores, err := s.Org.StoresByID(ctx, corpID, slices.Collect(maps.Keys(storeIDs)))
	if err != nil {
		return nil, nil, err
	}
	guides, err := s.Org.GuidesByUserID(ctx, corpID, slices.Collect(maps.Keys(codes)))
	return stores, guides, err
}
