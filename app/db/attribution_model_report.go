package db

import (
	"context"
	"sort"
	"strconv"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// modelTotals totals an analytical model's credit for orders paid in
// [from, to), by guide, store or team: the packed rows of the period are
// read one at a time and their lines added up here, holding one total a
// key, never the period's lines.
func (s *AttributionStore) modelTotals(ctx context.Context, corpID, rulesID int64, model, by string, from, to time.Time) ([]app.CreditTotal, error) {
	rows, err := s.db.with(ctx).Table("order_model_credits").
		Where("corp_id = ? AND rules_id = ? AND paid_at >= ? AND paid_at < ?", corpID, rulesID, from, to).Rows()
	if err != nil {
		return nil, domainError(err, "业绩归属")
	}
	defer rows.Close()
	t := newKeyTotals()
	for rows.Next() {
		var r modelRow
		if err := s.db.with(ctx).ScanRows(rows, &r); err != nil {
			return nil, domainError(err, "业绩归属")
		}
		cs, err := unpackLines(r.Lines, r)
		if err != nil {
			return nil, err
		}
		t.add(r.OrderID, model, by, cs)
	}
	return t.list(), domainError(rows.Err(), "业绩归属")
}

// keyTotals are running totals by report key, with the orders counted
// once a key.
type keyTotals struct {
	amount map[string]int64
	orders map[string]int64
}

func newKeyTotals() *keyTotals {
	return &keyTotals{amount: map[string]int64{}, orders: map[string]int64{}}
}

// add adds order's lines of model to the totals by by.
func (t *keyTotals) add(order int64, model, by string, cs []app.Credit) {
	seen := map[string]bool{}
	for _, c := range cs {
		if c.Model != model {
			continue
		}
		k := reportKey(c, by)
		t.amount[k] += c.AmountCents
		if !seen[k] {
			seen[k], t.orders[k] = true, t.orders[k]+1
		}
	}
}

// reportKey is c's key as the SQL report writes it.
func reportKey(c app.Credit, by string) string {
	switch by {
	case "guide":
		return c.UserID
	case "store":
		if c.StoreID == nil {
			return "0"
		}
		return strconv.FormatInt(*c.StoreID, 10)
	}
	return c.Team
}

// list is the totals, largest amount first (then by key, so the order is
// stable).
func (t *keyTotals) list() []app.CreditTotal {
	out := make([]app.CreditTotal, 0, len(t.amount))
	for k, a := range t.amount {
		out = append(out, app.CreditTotal{Key: k, AmountCents: a, Orders: t.orders[k]})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].AmountCents > out[j].AmountCents || (out[i].AmountCents == out[j].AmountCents && out[i].Key < out[j].Key)
	})
	return out
}
