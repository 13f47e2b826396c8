package db

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// creditParts are the day's credits under each scope's rules of record,
// one part per order, guide and store (Orders 1 when the order has a
// positive line there), so the roll-up counts each order once per row.
func (s *StatsStore) creditParts(ctx context.Context, sp app.StatsSpan) ([]app.StatPart, error) {
	rules, err := s.rulesOfRecord(ctx, sp.CorpID)
	if err != nil || len(rules) == 0 {
		return nil, err
	}
	parts, err := s.parts(ctx, `SELECT order_id, userid AS user_id, COALESCE(store_id, 0) AS store_id,
		MAX(CASE WHEN amount_cents > 0 THEN 1 ELSE 0 END) AS orders,
		SUM(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END) AS sales_cents,
		-SUM(CASE WHEN amount_cents < 0 THEN amount_cents ELSE 0 END) AS refund_cents
		FROM order_credits WHERE corp_id = ? AND rules_id IN ? AND model = ? AND paid_at >= ? AND paid_at < ?
		GROUP BY order_id, userid, store_id`, sp.CorpID, rules, app.ModelRules, sp.From, sp.To)
	if err != nil {
		return nil, fmt.Errorf("credits: %w", err)
	}
	return parts, nil
}

// latestAdd is the id of a member's latest add touch at or before an
// instant (the order's payment), for a correlated lookup on
// idx_touches_member. The outer query names the member and the instant.
func latestAdd(member, at string) string {
	return fmt.Sprintf(`(SELECT a.id FROM touches a WHERE a.corp_id = ? AND a.member_id = %s AND a.kind = 'add' AND a.at <= %s
		ORDER BY a.at DESC, a.id DESC LIMIT 1)`, member, at)
}

// firstOrderParts are the members whose first sale (over all their sales)
// was paid in the day, by the guide, store and channel of their latest
// add before it; a member with no such touch is a part with none.
func (s *StatsStore) firstOrderParts(ctx context.Context, sp app.StatsSpan) ([]app.StatPart, error) {
	parts, err := s.parts(ctx, `SELECT COALESCE(t.userid, '') AS user_id, COALESCE(t.store_id, 0) AS store_id,
		COALESCE(t.channel_id, 0) AS channel_id, COUNT(*) AS first_orders
		FROM (SELECT o.member_id, MIN(o.paid_at) AS paid_at FROM orders o
			WHERE o.corp_id = ? AND o.paid_at >= ? AND o.paid_at < ? AND o.member_id IS NOT NULL AND o.kind = ? AND o.refund_of_id IS NULL
			AND NOT EXISTS (SELECT 1 FROM orders p WHERE p.corp_id = o.corp_id AND p.member_id = o.member_id
				AND p.paid_at < ? AND p.kind = ? AND p.refund_of_id IS NULL)
			GROUP BY o.member_id) f
		LEFT JOIN touches t ON t.id = `+latestAdd("f.member_id", "f.paid_at")+`
		GROUP BY t.userid, t.store_id, t.channel_id`,
		sp.CorpID, sp.From, sp.To, app.OrderSale, sp.From, app.OrderSale, sp.CorpID)
	if err != nil {
		return nil, fmt.Errorf("first orders: %w", err)
	}
	return parts, nil
}

// channelOrderParts are the day's orders (amounts as stored: sales
// positive, refunds negative) of members whose latest add before the
// payment came through a channel, by that channel and the add's store;
// they count in channel rows only.
func (s *StatsStore) channelOrderParts(ctx context.Context, sp app.StatsSpan) ([]app.StatPart, error) {
	parts, err := s.parts(ctx, `SELECT COALESCE(t.store_id, 0) AS store_id, t.channel_id AS channel_id,
		SUM(CASE WHEN o.amount_cents > 0 THEN 1 ELSE 0 END) AS orders,
		SUM(CASE WHEN o.amount_cents > 0 THEN o.amount_cents ELSE 0 END) AS sales_cents,
		-SUM(CASE WHEN o.amount_cents < 0 THEN o.amount_cents ELSE 0 END) AS refund_cents
		FROM orders o JOIN touches t ON t.id = `+latestAdd("o.member_id", "o.paid_at")+`
		WHERE o.corp_id = ? AND o.paid_at >= ? AND o.paid_at < ? AND o.member_id IS NOT NULL AND t.channel_id IS NOT NULL
		GROUP BY t.store_id, t.channel_id`, sp.CorpID, sp.CorpID, sp.From, sp.To)
	if err != nil {
		return nil, fmt.Errorf("channel orders: %w", err)
	}
	for i := range parts {
		parts[i].ChannelOnly = true
	}
	return parts, nil
}

// DayCredits returns the day's credited revenue of every rule version
// (not only the rules of record), by version, team and store.
func (s *StatsStore) DayCredits(ctx context.Context, sp app.StatsSpan) ([]app.DailyCredit, error) {
	rules, err := s.ruleVersions(ctx, sp.CorpID)
	if err != nil || len(rules) == 0 {
		return nil, err
	}
	var out []app.DailyCredit
	err = s.db.with(ctx).Raw(`SELECT rules_id, team, COALESCE(store_id, 0) AS store_id,
		COUNT(DISTINCT CASE WHEN amount_cents > 0 THEN order_id END) AS orders,
		SUM(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END) AS sales_cents,
		-SUM(CASE WHEN amount_cents < 0 THEN amount_cents ELSE 0 END) AS refund_cents
		FROM order_credits WHERE corp_id = ? AND rules_id IN ? AND model = ? AND paid_at >= ? AND paid_at < ?
		GROUP BY rules_id, team, store_id`, sp.CorpID, rules, app.ModelRules, sp.From, sp.To).Scan(&out).Error
	for i := range out {
		out[i].Day = sp.Day
	}
	return out, err
}

// AssetCounts returns the corp's active members (not merged) by home
// store, RFM class and lifecycle stage, as they stand.
func (s *StatsStore) AssetCounts(ctx context.Context, corpID int64) ([]app.AssetCount, error) {
	var out []app.AssetCount
	err := s.db.with(ctx).Raw(`SELECT COALESCE(m.home_store_id, 0) AS store_id, r.class, r.stage, COUNT(*) AS members
		FROM member_rfm r JOIN members m ON m.corp_id = r.corp_id AND m.id = r.member_id
		WHERE r.corp_id = ? AND m.status = ? GROUP BY m.home_store_id, r.class, r.stage`, corpID, app.MemberActive).Scan(&out).Error
	return out, err
}
