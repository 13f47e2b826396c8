package attribution

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// maxDryRunOrders bounds a dry run, which holds nothing but totals yet
// reads every order of the period: a longer period is asked in parts.
const maxDryRunOrders = 200000

// Shift is how one guide's, store's or team's credit in the period would
// move from the current rules to the draft.
type Shift struct {
	By     string `json:"by"` // guide, store, team
	Key    string `json:"key"`
	Before int64  `json:"before_cents"`
	After  int64  `json:"after_cents"`
}

// DryRunResult is a dry run: the orders it read, how many of them would
// be credited otherwise and the money that would change hands, and the
// credit it would move, largest moves first.
type DryRunResult struct {
	Current int     `json:"current_version"` // 0: the defaults, no version saved yet
	Orders  int     `json:"orders"`
	Changed int     `json:"changed_orders"`
	Moved   int64   `json:"moved_cents"` // signed amounts that would go to someone else, summed without sign
	Shifts  []Shift `json:"shifts"`
}

// DryRun computes, for the orders paid in [from, to), the brand's-rules
// credit under the current rules and under the draft in, and how it
// would move, without saving anything.
func (s *Service) DryRun(ctx context.Context, rep Reports, corpID int64, in RulesInput, from, to time.Time) (*DryRunResult, error) {
	draft, err := in.check(corpID)
	if err != nil {
		return nil, err
	}
	cur, err := s.current(ctx, corpID, in.Scope)
	if err != nil {
		return nil, err
	}
	t, res := tally{}, &DryRunResult{Current: cur.Version}
	res.Orders, err = s.dryOrders(ctx, rep, corpID, in.Scope, from, to, func(orders []app.Order) error {
		return s.dryBatch(ctx, corpID, cur, draft, orders, t, res)
	})
	if err != nil {
		return nil, err
	}
	res.Shifts = t.shifts()
	return res, nil
}

// dryOrders feeds fn the period's orders in batches.
func (s *Service) dryOrders(ctx context.Context, rep Reports, corpID, scope int64, from, to time.Time, fn func([]app.Order) error) (int, error) {
	n := 0
	for after := int64(0); ; {
		orders, err := rep.OrdersPaidAfter(ctx, corpID, scope, from, to, after, batchSize)
		if err != nil || len(orders) == 0 {
			return n, err
		}
		if n += len(orders); n > maxDryRunOrders {
			return n, app.Errorf(app.EINVALID, "该时段订单超过 %d 笔，请缩短时段分次试算", maxDryRunOrders)
		}
		if err := fn(orders); err != nil {
			return n, err
		}
		after = orders[len(orders)-1].ID
	}
}

// dryBatch credits a batch under both rule sets into t, and counts in
// res the orders whose credit would move and by how much.
func (s *Service) dryBatch(ctx context.Context, corpID int64, cur, draft *app.AttributionRules, orders []app.Order, t tally, res *DryRunResult) error {
	sales, err := s.withSales(ctx, corpID, orders)
	if err != nil {
		return err
	}
	bases, err := s.bases(ctx, corpID, sales)
	if err != nil {
		return err
	}
	for _, o := range orders {
		var sides [2][]app.Credit
		for i, r := range []*app.AttributionRules{cur, draft} {
			sale := o
			if o.Kind == app.OrderRefund && o.RefundOfID != nil {
				sale = bases[*o.RefundOfID].Order
			}
			sides[i] = Decide(bases[sale.ID], *r, app.ModelRules)
			if o.Kind == app.OrderRefund {
				sides[i] = Reverse(sides[i], o)
			}
			t.add(i, sides[i])
		}
		if moved := movedCents(sides[0], sides[1]); moved > 0 {
			res.Changed, res.Moved = res.Changed+1, res.Moved+moved
		}
	}
	return nil
}

// movedCents is how much of an order would go to another guide or store
// from before to after: the cents that leave someone, summed without
// their sign (a refund's are negative).
func movedCents(before, after []app.Credit) int64 {
	held := map[[2]string]int64{}
	for _, l := range before {
		held[[2]string{l.UserID, storeKey(l.StoreID)}] += abs(l.AmountCents)
	}
	for _, l := range after {
		held[[2]string{l.UserID, storeKey(l.StoreID)}] -= abs(l.AmountCents)
	}
	var moved int64
	for _, d := range held {
		if d > 0 {
			moved += d
		}
	}
	return moved
}

// withSales is orders' sales, with the sales of its refunds read in.
func (s *Service) withSales(ctx context.Context, corpID int64, orders []app.Order) ([]app.Order, error) {
	have, out := map[int64]bool{}, []app.Order{}
	var missing []int64
	for _, o := range orders {
		if o.Kind == app.OrderSale {
			have[o.ID], out = true, append(out, o)
		}
	}
	for _, o := range orders {
		if o.Kind == app.OrderRefund && o.RefundOfID != nil && !have[*o.RefundOfID] {
			missing, have[*o.RefundOfID] = append(missing, *o.RefundOfID), true
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	more, err := s.Store.OrdersByID(ctx, corpID, missing)
	return append(out, more...), err
}

// tally totals credit by guide, store and team, before (0) and after (1).
type tally map[[2]string]*[2]int64

func (t tally) add(side int, lines []app.Credit) {
	for _, l := range lines {
		store := "0"
		if l.StoreID != nil {
			store = strconv.FormatInt(*l.StoreID, 10)
		}
		for _, k := range [][2]string{{"guide", l.UserID}, {"store", store}, {"team", l.Team}} {
			if t[k] == nil {
				t[k] = &[2]int64{}
			}
			t[k][side] += l.AmountCents
		}
	}
}

func (t tally) shifts() []Shift {
	out := make([]Shift, 0, len(t))
	for k, v := range t {
		out = append(out, Shift{By: k[0], Key: k[1], Before: v[0], After: v[1]})
	}
	sort.Slice(out, func(i, j int) bool {
		di, dj := abs(out[i].After-out[i].Before), abs(out[j].After-out[j].Before)
		return di > dj || (di == dj && fmt.Sprint(out[i]) < fmt.Sprint(out[j]))
	})
	return out
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// storeKey is a store id as a map key, "" for none.
func storeKey(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}
