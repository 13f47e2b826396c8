package order

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/siyu-scrm/siyu/app"
)

// sale is a sale some new refunds of a set point at, with how much of it
// was refunded before them.
type sale struct {
	id       int64 // 0: a sale of the set, not yet written
	amount   int64
	refunded int64 // ≥ 0, refunds recorded before
	refunds  []int // the new refunds, by index in the set, in the order sent
}

// checkRefunds refuses, before anything is written, the refunds whose
// sale does not exist, in the database or earlier in the set, and those
// taking its refunds past its amount. A refund already recorded is a
// re-send (or a conflict, refused when written) and is not counted twice.
func (s *Service) checkRefunds(ctx context.Context, corpID int64, ds []*draft, bad *refusal) error {
	var keys []app.OrderKey
	var idx []int
	for i, d := range ds {
		if d.order.Kind == app.OrderRefund && !hasField(bad, i, "refund_of") && !hasField(bad, i, "amount_cents") && !hasField(bad, i, "source") {
			keys, idx = append(keys, d.order.Key(), d.saleKey()), append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	found, err := s.Store.OrdersByKey(ctx, corpID, keys)
	if err != nil {
		return err
	}
	fresh := slices.DeleteFunc(firsts(ds, idx), func(i int) bool { _, ok := found[ds[i].order.Key()]; return ok })
	return s.judgeRefunds(ctx, corpID, ds, fresh, found, bad, false)
}

// judgeRefunds refuses each of the new refunds fresh whose sale is
// missing or would be over-refunded. Sales already recorded are read
// with their refunds so far, locked for the rest of the transaction when
// lock is set (so two writers cannot both take the last of a sale).
func (s *Service) judgeRefunds(ctx context.Context, corpID int64, ds []*draft, fresh []int, found map[app.OrderKey]app.Order, bad *refusal, lock bool) error {
	sales, missing := refundsBySale(ds, fresh, found, salesOf(ds))
	for _, i := range missing {
		bad.add(i, "refund_of", "原订单不存在")
	}
	var ids []int64
	for _, sl := range sales {
		if sl.id != 0 {
			ids = append(ids, sl.id)
		}
	}
	if len(ids) > 0 {
		if err := s.refundedSoFar(ctx, corpID, ids, sales, lock); err != nil {
			return err
		}
	}
	for _, sl := range sales {
		overRefunds(ds, sl, bad)
	}
	return nil
}

// refundedSoFar fills in what each recorded sale had refunded, and with
// lock its amount as locked.
func (s *Service) refundedSoFar(ctx context.Context, corpID int64, ids []int64, sales map[int64]*sale, lock bool) error {
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] }) // one lock order: no deadlock between writers
	if lock {
		locked, err := s.Store.LockSales(ctx, corpID, ids)
		if err != nil {
			return err
		}
		for _, id := range ids {
			sales[id].amount = locked[id].AmountCents
		}
	}
	totals, err := s.Store.RefundTotals(ctx, corpID, ids)
	for _, id := range ids {
		sales[id].refunded = -totals[id]
	}
	return err
}

// refundsBySale groups the refunds idx by their sale: one recorded
// (found, keyed by its id) or one of the set (inSet, by key → index,
// keyed by -(index+1)). Refunds whose sale is neither are missing.
func refundsBySale(ds []*draft, idx []int, found map[app.OrderKey]app.Order, inSet map[app.OrderKey]int) (map[int64]*sale, []int) {
	sales := map[int64]*sale{}
	var missing []int
	for _, i := range idx {
		k := ds[i].saleKey()
		var key int64
		var sl sale
		if o, ok := found[k]; ok {
			key, sl = o.ID, sale{id: o.ID, amount: o.AmountCents}
		} else if j, ok := inSet[k]; ok {
			key, sl = -int64(j+1), sale{amount: ds[j].order.AmountCents}
		} else {
			missing = append(missing, i)
			continue
		}
		if sales[key] == nil {
			sales[key] = &sl
		}
		sales[key].refunds = append(sales[key].refunds, i)
	}
	return sales, missing
}

// overRefunds refuses, in the order sent, each refund that would take its
// sale's refunds past the sale's amount; a refused one is not counted
// against those after it.
func overRefunds(ds []*draft, sl *sale, bad *refusal) {
	total := sl.refunded
	for _, i := range sl.refunds {
		amount := -ds[i].order.AmountCents
		if total+amount > sl.amount {
			bad.add(i, "amount_cents", fmt.Sprintf("退款总额超过原订单金额：原订单 %s 元，已退 %s 元，本次退 %s 元",
				yuan(sl.amount), yuan(total), yuan(amount)))
			continue
		}
		total += amount
	}
}

// salesOf maps the key of each sale in the set to its first index.
func salesOf(ds []*draft) map[app.OrderKey]int {
	out := map[app.OrderKey]int{}
	for i, d := range ds {
		if _, seen := out[d.order.Key()]; !seen && d.order.Kind == app.OrderSale {
			out[d.order.Key()] = i
		}
	}
	return out
}

// firsts keeps of idx the first order of each key.
func firsts(ds []*draft, idx []int) []int {
	seen := map[app.OrderKey]bool{}
	return slices.DeleteFunc(slices.Clone(idx), func(i int) bool {
		k := ds[i].order.Key()
		dup := seen[k]
		seen[k] = true
		return dup
	})
}

// hasField reports whether order i's field is refused already.
func hasField(bad *refusal, i int, field string) bool {
	return slices.ContainsFunc(bad.rows[i], func(f app.FieldError) bool { return f.Field == field })
}

// yuan shows cents as yuan with two decimals: 12800 → "128.00".
func yuan(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}
