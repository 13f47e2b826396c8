package stats_test

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// ofRecord reports whether rules is its scope's highest version.
func (f *fixture) ofRecord(rules int64) bool {
	var mine ruleRow
	for _, r := range f.rules {
		if r.id == rules {
			mine = r
		}
	}
	for _, r := range f.rules {
		if r.scope == mine.scope && r.version > mine.version {
			return false
		}
	}
	return true
}

// credits: orders, sales and refunds credited under the rules of record.
func (e *expectation) credits() {
	for _, c := range e.f.credits {
		if c.model != "rules" || !e.f.ofRecord(c.rules) || !e.in(c.paid) {
			continue
		}
		e.to(c.userID, val(c.store), 0, func(x *app.Figures) {
			if c.amount > 0 {
				x.SalesCents += c.amount
			} else {
				x.RefundCents -= c.amount
			}
		})
		if c.amount > 0 {
			e.orderIn(key{"corp", "", 0}, c.order)
			if c.userID != "" {
				e.orderIn(key{"guide", c.userID, e.f.guideOf[c.userID]}, c.order)
			}
			if c.store != nil {
				e.orderIn(key{"store", itoa(*c.store), *c.store}, c.order)
			}
		}
	}
}

func (e *expectation) orderIn(k key, order int64) {
	if e.orders[k] == nil {
		e.orders[k] = map[int64]bool{}
	}
	e.orders[k][order] = true
}

// latestAdd is the member's add touch latest at or before at (the
// highest id among equals), nil when none.
func (f *fixture) latestAdd(member int64, at time.Time) *touchRow {
	var best *touchRow
	for i, t := range f.touches {
		if t.kind != "add" || t.member == nil || *t.member != member || t.at.After(at) {
			continue
		}
		if best == nil || t.at.After(best.at) || (t.at.Equal(best.at) && t.id > best.id) {
			best = &f.touches[i]
		}
	}
	return best
}

// firstOrders: members whose earliest sale is paid in the day, under
// the add that led to it.
func (e *expectation) firstOrders() {
	first := map[int64]time.Time{}
	for _, o := range e.f.orders {
		if o.kind != "sale" || o.refundOf != nil || o.member == nil {
			continue
		}
		if at, ok := first[*o.member]; !ok || o.paid.Before(at) {
			first[*o.member] = o.paid
		}
	}
	for m, at := range first {
		if !e.in(at) {
			continue
		}
		inc := func(x *app.Figures) { x.FirstOrders++ }
		if t := e.f.latestAdd(m, at); t != nil {
			e.to(t.userID, val(t.store), val(t.channel), inc)
		} else {
			inc(e.row(key{"corp", "", 0}))
		}
	}
}

// channelOrders: the day's orders of members brought by a channel, in
// the channel's rows only.
func (e *expectation) channelOrders() {
	for _, o := range e.f.orders {
		if o.member == nil || !e.in(o.paid) {
			continue
		}
		t := e.f.latestAdd(*o.member, o.paid)
		if t == nil || t.channel == nil {
			continue
		}
		x := e.row(key{"channel", itoa(*t.channel), val(t.store)})
		if o.amount > 0 {
			x.Orders++
			x.SalesCents += o.amount
		} else {
			x.RefundCents -= o.amount
		}
	}
}

// chat: WeCom's chat figures of the day.
func (e *expectation) chat() {
	for _, b := range e.f.behavior {
		if b.day != e.day {
			continue
		}
		e.to(b.userID, e.f.guideOf[b.userID], 0, func(x *app.Figures) {
			x.ChatCnt += b.chat
			x.MessageCnt += b.msg
			x.NegativeFeedback += b.neg
			x.NewApply += b.apply
			x.NewContact += b.added
			if b.replyPct != nil {
				x.ReplyPctSum += *b.replyPct
				x.ReplyPctN++
			}
			if b.replyTime != nil {
				x.ReplyTimeSum += *b.replyTime
				x.ReplyTimeN++
			}
		})
	}
}

// expectCredits is daily_credits of day: every rule version, model
// 'rules', by version, team and store.
func (f *fixture) expectCredits(day string) map[app.DailyCredit]bool {
	type k struct {
		rules int64
		team  string
		store int64
	}
	sums := map[k]*app.DailyCredit{}
	orders := map[k]map[int64]bool{}
	for _, c := range f.credits {
		if c.model != "rules" || f.localDay(c.paid) != day {
			continue
		}
		kk := k{c.rules, c.team, val(c.store)}
		if sums[kk] == nil {
			sums[kk], orders[kk] = &app.DailyCredit{RulesID: c.rules, Day: day, Team: c.team, StoreID: val(c.store)}, map[int64]bool{}
		}
		if c.amount > 0 {
			sums[kk].SalesCents += c.amount
			orders[kk][c.order] = true
		} else {
			sums[kk].RefundCents -= c.amount
		}
	}
	out := map[app.DailyCredit]bool{}
	for kk, s := range sums {
		s.Orders = int64(len(orders[kk]))
		out[*s] = true
	}
	return out
}

// expectAssets is the asset snapshot: active members with an RFM row, by
// home store, class and stage.
func (f *fixture) expectAssets(day string) map[app.AssetCount]bool {
	n := map[app.AssetCount]int64{}
	for _, m := range f.members {
		if m.status == app.MemberActive && m.rfm {
			n[app.AssetCount{Day: day, StoreID: val(m.home), Class: m.class, Stage: m.stage}]++
		}
	}
	out := map[app.AssetCount]bool{}
	for a, c := range n {
		a.Members = c
		out[a] = true
	}
	return out
}
