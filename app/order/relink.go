package order

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// RelinkWindow is how far back the relink pass looks: far more than the
// moment an order and its member can be written together, short enough
// that the pass reads a few minutes of orders.
const RelinkWindow = 10 * time.Minute

// relinkLimit bounds one pass of one scope; the next pass takes the rest.
const relinkLimit = 5000

// Relink links the scope's orders recorded in the last RelinkWindow that
// no member is linked to, to the member their keys match now. An order
// and its member written at the same instant each miss the other: the
// order's match does not see the member's uncommitted row, nor the
// member's LinkOrders the order's. This pass, a minute later, joins them.
// It returns how many it linked.
func (s *Service) Relink(ctx context.Context, corpID, scope int64) (int64, error) {
	if s.Members == nil {
		return 0, nil
	}
	orders, err := s.Store.UnlinkedSince(ctx, corpID, scope, s.Now().Add(-RelinkWindow), relinkLimit)
	if err != nil {
		return 0, err
	}
	var keyed []app.Order
	var keys []app.MemberKeys
	for _, o := range orders {
		if k := keysOf(&o); hasMemberKeys(k) {
			keyed, keys = append(keyed, o), append(keys, k)
		}
	}
	ids, err := s.Members.MatchMembers(ctx, corpID, scope, keys)
	if err != nil {
		return 0, fmt.Errorf("match orders to members: %w", err)
	}
	var n int64
	for i, o := range keyed {
		if ids[i] == 0 {
			continue
		}
		if linked, err := s.Store.LinkOrder(ctx, corpID, o.ID, ids[i]); err != nil {
			return n, err
		} else if linked {
			n++
		}
	}
	return n, nil
}
