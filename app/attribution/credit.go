package attribution

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// creditBatch decides orders (one scope's, in id order) under r, every
// model, and replaces their credit lines.
func (s *Service) creditBatch(ctx context.Context, r *app.AttributionRules, orders []app.Order) error {
	credits, _, err := s.decideBatch(ctx, r, orders, nil)
	if err != nil {
		return err
	}
	return s.Store.ReplaceCredits(ctx, r.ID, orders, credits)
}

// decideBatch decides orders under r, every model: sales from their
// buyers' touches, refunds by reversing their sale's lines under the same
// version, found in the batch itself, in pending (decided but perhaps not
// yet written) or in the database (the sale, an earlier order, was
// credited first). It returns the lines, and them by order.
func (s *Service) decideBatch(ctx context.Context, r *app.AttributionRules, orders []app.Order, pending map[int64][]app.Credit) ([]app.Credit, map[int64][]app.Credit, error) {
	bases, err := s.bases(ctx, r.CorpID, orders)
	if err != nil {
		return nil, nil, err
	}
	sales, err := s.saleCredits(ctx, r, orders, pending)
	if err != nil {
		return nil, nil, err
	}
	var out []app.Credit
	byOrder := make(map[int64][]app.Credit, len(orders))
	now := s.now()
	for _, o := range orders {
		lines := s.creditOne(r, o, bases[o.ID], sales)
		for i := range lines {
			lines[i].CorpID, lines[i].ComputedAt = r.CorpID, now
		}
		sales[o.ID], byOrder[o.ID] = lines, lines // a refund later in the batch reverses these
		out = append(out, lines...)
	}
	return out, byOrder, nil
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
// reverse: from pending when there, else from the database.
func (s *Service) saleCredits(ctx context.Context, r *app.AttributionRules, orders []app.Order, pending map[int64][]app.Credit) (map[int64][]app.Credit, error) {
	var sales []int64
	for _, o := range orders {
		if o.Kind == app.OrderRefund && o.RefundOfID != nil && pending[*o.RefundOfID] == nil {
			sales = append(sales, *o.RefundOfID)
		}
	}
	out, err := s.Store.CreditsOf(ctx, r.CorpID, r.ID, sales)
	if err != nil {
		return nil, err
	}
	for id, lines := range pending {
		out[id] = lines
	}
	return out, nil
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
