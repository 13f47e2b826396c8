package attribution

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// creditBatch decides orders (one scope's, in id order) under r, every
// model, and replaces their credit lines: sales from their buyers'
// touches, refunds by reversing their sale's lines under the same
// version (the sale, an earlier order, was credited first).
func (s *Service) creditBatch(ctx context.Context, r *app.AttributionRules, orders []app.Order) error {
	bases, err := s.bases(ctx, r.CorpID, orders)
	if err != nil {
		return err
	}
	sales, err := s.saleCredits(ctx, r, orders)
	if err != nil {
		return err
	}
	var out []app.Credit
	ids := make([]int64, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
		lines := s.creditOne(r, o, bases[o.ID], sales)
		sales[o.ID] = lines // a refund later in the batch reverses these
		out = append(out, lines...)
	}
	now := s.now()
	for i := range out {
		out[i].CorpID, out[i].ComputedAt = r.CorpID, now
	}
	return s.Store.ReplaceCredits(ctx, r.ID, ids, out)
}

// creditOne is one order's lines under every model.
func (s *Service) creditOne(r *app.AttributionRules, o app.Order, b Basis, sales map[int64][]app.Credit) []app.Credit {
	var out []app.Credit
	if o.Kind == app.OrderRefund {
		if o.RefundOfID == nil {
			return nil
		}
		for _, m := range Models {
			out = append(out, Reverse(byModelOf(sales[*o.RefundOfID], m), o)...)
		}
	} else {
		for _, m := range Models {
			out = append(out, Decide(b, *r, m)...)
		}
	}
	for i := range out {
		out[i].PaidAt = o.PaidAt
	}
	return out
}

// saleCredits reads, under r, the lines of the sales the batch's refunds
// reverse.
func (s *Service) saleCredits(ctx context.Context, r *app.AttributionRules, orders []app.Order) (map[int64][]app.Credit, error) {
	var sales []int64
	for _, o := range orders {
		if o.Kind == app.OrderRefund && o.RefundOfID != nil {
			sales = append(sales, *o.RefundOfID)
		}
	}
	return s.Store.CreditsOf(ctx, r.CorpID, r.ID, sales)
}

func byModelOf(cs []app.Credit, model string) []app.Credit {
	var out []app.Credit
	for _, c := range cs {
		if c.Model == model {
			out = append(out, c)
		}
	}
	return out
}
