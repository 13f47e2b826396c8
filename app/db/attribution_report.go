package db

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// reportKeys are the columns a report can total by.
var reportKeys = map[string]string{"guide": "userid", "store": "COALESCE(store_id, 0)", "team": "team"}

// CreditTotals totals the credit of rule version rulesID under model for
// orders paid in [from, to), by guide, store or team.
func (s *AttributionStore) CreditTotals(ctx context.Context, corpID, rulesID int64, model, by string, from, to time.Time) ([]app.CreditTotal, error) {
	col, ok := reportKeys[by]
	if !ok {
		return nil, app.FieldInvalid("by", "汇总方式应为 guide（导购）、store（门店）或 team（团队）")
	}
	if model != app.ModelRules {
		return s.modelTotals(ctx, corpID, rulesID, model, by, from, to)
	}
	var rows []struct {
		ReportKey string
		Amount    int64
		Orders    int64
	}
	err := s.db.with(ctx).Table("order_credits").
		Select(fmt.Sprintf("CAST(%s AS CHAR) AS report_key, SUM(amount_cents) AS amount, COUNT(DISTINCT order_id) AS orders", col)).
		Where("corp_id = ? AND rules_id = ? AND model = ? AND paid_at >= ? AND paid_at < ?", corpID, rulesID, model, from, to).
		Group(col).Order("amount DESC").Scan(&rows).Error
	out := make([]app.CreditTotal, len(rows))
	for i, r := range rows {
		out[i] = app.CreditTotal{Key: r.ReportKey, AmountCents: r.Amount, Orders: r.Orders}
	}
	return out, domainError(err, "业绩归属")
}

// OrdersPaidAfter returns up to limit of the scope's orders paid in
// [from, to) after id after, in id order.
func (s *AttributionStore) OrdersPaidAfter(ctx context.Context, corpID, scope int64, from, to time.Time, after int64, limit int) ([]app.Order, error) {
	var out []app.Order
	err := s.db.with(ctx).Table("orders").Where("corp_id = ? AND scope = ? AND paid_at >= ? AND paid_at < ? AND id > ?", corpID, scope, from, to, after).
		Order("id").Limit(limit).Find(&out).Error
	return out, domainError(err, "订单")
}
