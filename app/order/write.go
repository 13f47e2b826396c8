package order

import (
	"context"
	"errors"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// writeAttempts bounds how often a set is planned again after another
// writer took one of its numbers between our read and our insert; each
// attempt sees more of the other's rows, so two suffice in practice.
const writeAttempts = 5

// errRaced says another writer inserted one of the set's keys first.
var errRaced = errors.New("an order number was taken meanwhile")

// write writes the checked drafts in one transaction: every order not
// yet recorded, with its lines. A number recorded with the same content
// is unchanged; with other content it is a conflict and nothing is
// written. When another writer (another API instance sending the same
// batch) inserts a number first, the unique key refuses ours and the set
// is planned again, seeing theirs: each order is written exactly once.
func (s *Service) write(ctx context.Context, corpID int64, ds []*draft) ([]app.OrderResult, *refusal, error) {
	for attempt := 1; ; attempt++ {
		var res []app.OrderResult
		err := s.Tx.InTx(ctx, func(ctx context.Context) error {
			var err error
			res, err = s.writeOnce(ctx, corpID, ds)
			return err
		})
		var ref *refusal
		switch {
		case errors.As(err, &ref):
			return nil, ref, nil
		case errors.Is(err, errRaced) && attempt < writeAttempts:
			continue
		case errors.Is(err, errRaced):
			return nil, nil, app.Wrap(app.EUNAVAILABLE, err, "同一批订单正在被同时写入，请稍后重试")
		}
		return res, nil, err
	}
}

// writeOnce plans and writes the set inside the caller's transaction.
func (s *Service) writeOnce(ctx context.Context, corpID int64, ds []*draft) ([]app.OrderResult, error) {
	for _, d := range ds {
		d.order.ID = 0
	}
	keys := make([]app.OrderKey, 0, len(ds))
	for _, d := range ds {
		keys = append(keys, d.order.Key())
		if d.order.Kind == app.OrderRefund {
			keys = append(keys, d.saleKey())
		}
	}
	found, err := s.Store.OrdersByKey(ctx, corpID, keys)
	if err != nil {
		return nil, err
	}
	fresh, first, ref := classify(ds, found)
	if ref != nil {
		return nil, ref
	}
	if err := s.recheckRefunds(ctx, corpID, ds, fresh, found); err != nil {
		return nil, err
	}
	if err := s.insert(ctx, ds, fresh, found); err != nil {
		return nil, err
	}
	return results(ds, fresh, first), nil
}

// classify sorts the set against what is recorded (found): fresh are the
// orders to insert, first the first index of each key; an order whose
// number is recorded, or earlier in the set, with other content is a
// conflict.
func classify(ds []*draft, found map[app.OrderKey]app.Order) (fresh []int, first map[app.OrderKey]int, ref *refusal) {
	conflicts := newRefusal(app.ECONFLICT)
	first = map[app.OrderKey]int{}
	for i, d := range ds {
		k := d.order.Key()
		if j, seen := first[k]; seen {
			if ds[j].order.ContentHash != d.order.ContentHash {
				conflicts.add(i, "order_no", fmt.Sprintf("与第 %d 条订单的订单号相同而内容不同", j+1))
			}
			continue
		}
		first[k] = i
		o, recorded := found[k]
		switch {
		case !recorded:
			fresh = append(fresh, i)
		case o.ContentHash != d.order.ContentHash:
			conflicts.add(i, "order_no", fmt.Sprintf("%s订单 %s 已存在且内容不同：已记录的订单不会被覆盖", app.OrderKindLabel(k.Kind), k.OrderNo))
		default:
			d.order.ID = o.ID
		}
	}
	return fresh, first, conflicts.orNil()
}

// recheckRefunds judges the new refunds again under a lock on their
// recorded sales: a refund written by another request since check ran
// counts too.
func (s *Service) recheckRefunds(ctx context.Context, corpID int64, ds []*draft, fresh []int, found map[app.OrderKey]app.Order) error {
	var refunds []int
	for _, i := range fresh {
		if ds[i].order.Kind == app.OrderRefund {
			refunds = append(refunds, i)
		}
	}
	if len(refunds) == 0 {
		return nil
	}
	bad := newRefusal(app.EINVALID)
	if err := s.judgeRefunds(ctx, corpID, ds, refunds, found, bad, true); err != nil {
		return err
	}
	if ref := bad.orNil(); ref != nil {
		return ref
	}
	return nil
}

// results says what became of each order of the set: the first of a key
// created (if fresh) or unchanged, a repeat of it unchanged.
func results(ds []*draft, fresh []int, first map[app.OrderKey]int) []app.OrderResult {
	created := make(map[int]bool, len(fresh))
	for _, i := range fresh {
		created[i] = true
	}
	out := make([]app.OrderResult, len(ds))
	for i, d := range ds {
		j := first[d.order.Key()]
		out[i] = app.OrderResult{ID: ds[j].order.ID, Outcome: app.OrderUnchanged}
		if i == j && created[i] {
			out[i].Outcome = app.OrderCreated
		}
	}
	return out
}
