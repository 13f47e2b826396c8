package db

import (
	"context"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// modelRow is a row of order_model_credits.
type modelRow struct {
	RulesID    int64
	OrderID    int64
	CorpID     int64
	PaidAt     time.Time
	ComputedAt time.Time
	Lines      []byte
}

// ReplaceCredits makes credits the lines of orders under rulesID: the old
// lines go and the new ones come in the caller's transaction, so a
// recompute run twice over the same orders leaves each line once. Every
// order gets its models' row, even with no line: it is credited.
func (s *AttributionStore) ReplaceCredits(ctx context.Context, rulesID int64, orders []app.Order, credits []app.Credit) error {
	if len(orders) == 0 {
		return nil
	}
	ids := make([]int64, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
	}
	err := s.db.with(ctx).Table("order_credits").Where("rules_id = ? AND order_id IN ?", rulesID, ids).Delete(map[string]any{}).Error
	if err == nil {
		err = s.db.with(ctx).Table("order_model_credits").Where("rules_id = ? AND order_id IN ?", rulesID, ids).Delete(map[string]any{}).Error
	}
	var rules []app.Credit
	models := map[int64][]app.Credit{}
	for _, c := range credits {
		if c.Model == app.ModelRules {
			rules = append(rules, c)
		} else {
			models[c.OrderID] = append(models[c.OrderID], c)
		}
	}
	for start := 0; err == nil && start < len(rules); start += creditBatch {
		err = s.insertCredits(ctx, rules[start:min(start+creditBatch, len(rules))])
	}
	if err == nil {
		err = s.insertModelRows(ctx, rulesID, orders, models)
	}
	return domainError(err, "业绩归属")
}

// creditBatch is the rows one INSERT writes: a recompute writes millions,
// so they go as plain multi-row INSERTs rather than through the ORM's
// reflection.
const creditBatch = 1000

func (s *AttributionStore) insertCredits(ctx context.Context, cs []app.Credit) error {
	var sb strings.Builder
	sb.WriteString("INSERT INTO order_credits (corp_id, order_id, rules_id, model, line, userid, store_id, team, share_bp, amount_cents, explanation, paid_at, computed_at) VALUES ")
	args := make([]any, 0, len(cs)*13)
	for i, c := range cs {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?)")
		args = append(args, c.CorpID, c.OrderID, c.RulesID, c.Model, c.Line, c.UserID, c.StoreID, c.Team, c.ShareBP, c.AmountCents,
			c.Explanation, c.PaidAt.UTC(), c.ComputedAt.UTC())
	}
	return s.db.with(ctx).Exec(sb.String(), args...).Error
}

// insertModelRows writes each order's packed model lines, a few hundred
// orders an INSERT (the rows are a few kilobytes each).
func (s *AttributionStore) insertModelRows(ctx context.Context, rulesID int64, orders []app.Order, lines map[int64][]app.Credit) error {
	const batch = 250
	now := time.Now().UTC()
	for start := 0; start < len(orders); start += batch {
		part := orders[start:min(start+batch, len(orders))]
		var sb strings.Builder
		sb.WriteString("INSERT INTO order_model_credits (rules_id, order_id, corp_id, paid_at, computed_at, `lines`) VALUES ")
		args := make([]any, 0, len(part)*6)
		for i, o := range part {
			packed := packLines(lines[o.ID])
			at := now
			if ls := lines[o.ID]; len(ls) > 0 {
				at = ls[0].ComputedAt.UTC()
			}
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString("(?,?,?,?,?,?)")
			args = append(args, rulesID, o.ID, o.CorpID, o.PaidAt.UTC(), at, packed)
		}
		if err := s.db.with(ctx).Exec(sb.String(), args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// CreditsOf returns the lines of orderIDs under rulesID, by order, every
// model: the rules' lines and the models' packed ones.
func (s *AttributionStore) CreditsOf(ctx context.Context, corpID, rulesID int64, orderIDs []int64) (map[int64][]app.Credit, error) {
	out := map[int64][]app.Credit{}
	if len(orderIDs) == 0 {
		return out, nil
	}
	var rows []app.Credit
	err := s.db.with(ctx).Table("order_credits").Where("corp_id = ? AND rules_id = ? AND order_id IN ?", corpID, rulesID, orderIDs).
		Order("order_id, line").Find(&rows).Error
	if err != nil {
		return nil, domainError(err, "业绩归属")
	}
	for _, c := range rows {
		out[c.OrderID] = append(out[c.OrderID], c)
	}
	var packed []modelRow
	err = s.db.with(ctx).Table("order_model_credits").Where("corp_id = ? AND rules_id = ? AND order_id IN ?", corpID, rulesID, orderIDs).
		Find(&packed).Error
	for _, p := range packed {
		cs, perr := unpackLines(p.Lines, p)
		if perr != nil {
			return nil, perr
		}
		out[p.OrderID] = append(out[p.OrderID], cs...)
		sortLines(out[p.OrderID])
	}
	return out, domainError(err, "业绩归属")
}
