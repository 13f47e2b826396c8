package seed_test

import "github.com/siyu-scrm/siyu/app"

// ofRecord keeps credit lines (c) of the rule version of record of
// their scope: the highest version the corp has for that scope.
const ofRecord = ` AND c.rules_id IN (SELECT r.id FROM attribution_rules r WHERE r.corp_id = c.corp_id AND r.version =
	(SELECT MAX(r2.version) FROM attribution_rules r2 WHERE r2.corp_id = r.corp_id AND r2.scope = r.scope))`

// creditSums are orders (distinct, of positive lines), sales and refunds.
const creditSums = `COUNT(DISTINCT CASE WHEN c.amount_cents > 0 THEN c.order_id END),
	SUM(CASE WHEN c.amount_cents > 0 THEN c.amount_cents ELSE 0 END), SUM(CASE WHEN c.amount_cents < 0 THEN -c.amount_cents ELSE 0 END)`

// credited adds the day's credited orders, sales and refunds: counted
// per row (an order split between two guides is one order of the store
// and of the corp), a brand summing its stores; and daily_credits of
// every rule version.
func (x *expect) credited(day string, s, e any) {
	where := ` FROM order_credits c WHERE c.corp_id = ? AND c.model = 'rules' AND c.paid_at >= ? AND c.paid_at < ?`
	args := []any{x.corp, s, e}
	set := func(f *app.Figures, n []int64) { f.Orders += n[0]; f.SalesCents += n[1]; f.RefundCents += n[2] }
	x.scan("SELECT c.userid, "+creditSums+where+ofRecord+" AND c.userid <> '' GROUP BY c.userid", args, 1, func(k []string, n []int64) {
		x.fact(day, k[0], 0, 0, toGuide, func(f *app.Figures) { set(f, n) })
	})
	x.scan("SELECT c.store_id, "+creditSums+where+ofRecord+" AND c.store_id IS NOT NULL GROUP BY c.store_id", args, 0, func(_ []string, n []int64) {
		x.fact(day, "", n[0], 0, toStore, func(f *app.Figures) { set(f, n[1:]) })
	})
	x.scan("SELECT "+creditSums+where+ofRecord, args, 0, func(_ []string, n []int64) {
		x.fact(day, "", 0, 0, toCorp, func(f *app.Figures) { set(f, n) })
	})
	x.scan("SELECT c.team, c.rules_id, COALESCE(c.store_id, 0), "+creditSums+where+" GROUP BY c.rules_id, c.team, COALESCE(c.store_id, 0)", args, 1,
		func(k []string, n []int64) {
			x.credits[creditKey{day, k[0], n[0], n[1]}] = &app.DailyCredit{RulesID: n[0], Day: day, Team: k[0], StoreID: n[1],
				Orders: n[2], SalesCents: n[3], RefundCents: n[4]}
		})
}

// latestAdd selects (as tid) the id of a member's latest add touch at
// or before the instant at.
func latestAdd(member, at string) string {
	return `(SELECT t.id FROM touches t WHERE t.corp_id = ? AND t.member_id = ` + member +
		` AND t.kind = 'add' AND t.at <= ` + at + ` ORDER BY t.at DESC, t.id DESC LIMIT 1) AS tid`
}

// firstOrders adds the members whose first sale fell on the day, to the
// rows of their latest add before it (the corp's only, without one), and
// each channel's order amounts, by the members' latest add before each.
func (x *expect) firstOrders(day string, s, e any) {
	c := x.corp
	x.scan(`SELECT COALESCE(tt.userid, ''), COALESCE(tt.store_id, 0), COALESCE(tt.channel_id, 0) FROM
		(SELECT f.member_id, `+latestAdd("f.member_id", "f.first")+` FROM (SELECT member_id, MIN(paid_at) AS first FROM orders
		WHERE corp_id = ? AND kind = 'sale' AND refund_of_id IS NULL AND member_id IS NOT NULL GROUP BY member_id) f
		WHERE f.first >= ? AND f.first < ?) m LEFT JOIN touches tt ON tt.id = m.tid`, []any{c, c, s, e}, 1,
		func(k []string, n []int64) {
			x.fact(day, k[0], n[0], n[1], toAll, func(f *app.Figures) { f.FirstOrders++ })
		})
	x.scan(`SELECT tt.userid, COALESCE(tt.store_id, 0), tt.channel_id, o.amount_cents FROM
		(SELECT o.amount_cents, `+latestAdd("o.member_id", "o.paid_at")+` FROM orders o
		WHERE o.corp_id = ? AND o.member_id IS NOT NULL AND o.paid_at >= ? AND o.paid_at < ?) o
		JOIN touches tt ON tt.id = o.tid WHERE tt.channel_id IS NOT NULL`, []any{c, c, s, e}, 1,
		func(k []string, n []int64) {
			x.fact(day, k[0], n[0], n[1], toChannel, func(f *app.Figures) {
				if n[2] > 0 {
					f.Orders++
					f.SalesCents += n[2]
				} else {
					f.RefundCents -= n[2]
				}
			})
		})
}

// state adds the day's figures that are states, not events: WeCom's chat
// figures of the day and the customers followed at its end.
func (x *expect) state(day string, e any, behavior bool) {
	c := x.corp
	if behavior {
		x.scan(`SELECT b.userid, COALESCE(g.store_id, 0), 0, SUM(b.chat_cnt), SUM(b.message_cnt), SUM(COALESCE(b.reply_pct_bp, 0)),
			SUM(CASE WHEN b.reply_pct_bp IS NULL THEN 0 ELSE 1 END), SUM(COALESCE(b.avg_reply_time_x100, 0)),
			SUM(CASE WHEN b.avg_reply_time_x100 IS NULL THEN 0 ELSE 1 END), SUM(b.negative_feedback_cnt), SUM(b.new_apply_cnt), SUM(b.new_contact_cnt)
			FROM behavior_days b`+guideStore("b.userid")+`WHERE b.corp_id = ? AND b.day = ? GROUP BY b.userid, g.store_id`, []any{c, c, day}, 1,
			func(k []string, n []int64) {
				x.fact(day, k[0], n[0], n[1], toAll, func(f *app.Figures) {
					f.Add(app.Figures{ChatCnt: n[2], MessageCnt: n[3], ReplyPctSum: n[4], ReplyPctN: n[5], ReplyTimeSum: n[6], ReplyTimeN: n[7],
						NegativeFeedback: n[8], NewApply: n[9], NewContact: n[10]})
				})
			})
	}
	x.scan(`SELECT f.userid, COALESCE(g.store_id, 0), 0, COUNT(*) FROM follows f`+guideStore("f.userid")+`
		WHERE f.corp_id = ? AND f.add_time < ? AND (f.deleted_at IS NULL OR f.deleted_at >= ?) GROUP BY f.userid, g.store_id`, []any{c, c, e, e}, 1,
		func(k []string, n []int64) {
			x.fact(day, k[0], n[0], n[1], toAll, func(f *app.Figures) { f.Customers += n[2] })
		})
}
