package seed

import (
	"math/rand/v2"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// line is one credit line: who gets what share of an order.
type line struct {
	userid string
	store  int64
	share  int64 // basis points
}

// acquirer is the guide who shares b's credits (30%): its second guide,
// or now and then a colleague of its owner's store.
func (w *world) acquirer(r *rand.Rand, b buyer) *guide {
	if b.owner == nil {
		return nil
	}
	if b.g2 != nil {
		return b.g2
	}
	if !chance(r, 0.15) {
		return nil
	}
	for _, s := range w.org.stores {
		if s.id == b.owner.store {
			g := w.org.guides[s.guides[r.IntN(len(s.guides))]]
			if g.userid != b.owner.userid {
				return &g
			}
		}
	}
	return nil
}

// credits writes o's credit lines under the rules of record and, for an
// order paid before they came out, under the version before.
func (w *world) credits(e *emit, b buyer, o order, acq *guide) {
	first := w.creditTo(b, o)
	lines := []line{first}
	if acq != nil && first.userid != "" {
		lines = []line{{first.userid, first.store, 7000}, {acq.userid, acq.store, 3000}}
	}
	w.lines(e, o, w.rules.rec, lines, "专属导购")
	if w.rules.old != 0 && o.paid.Before(w.rules.changed) {
		w.lines(e, o, w.rules.old, []line{{"", first.store, 10000}}, "购买门店")
	}
}

// creditTo is who the rules credit for o: a till sale goes to the store,
// and to the owner when they work there; a mall sale to the owner and
// their store, or to the online team (no store for a walk-in member).
func (w *world) creditTo(b buyer, o order) line {
	online := w.org.stores[len(w.org.stores)-1].id
	switch {
	case !o.mall && b.owner != nil && b.owner.store == o.store:
		return line{b.owner.userid, o.store, 10000}
	case !o.mall:
		return line{"", o.store, 10000}
	case b.owner != nil:
		return line{b.owner.userid, b.owner.store, 10000}
	case b.union == "":
		return line{"", 0, 10000}
	}
	return line{"", online, 10000}
}

// lines writes the credit lines of o under rules, splitting its amount by
// share (the last line takes the rounding).
func (w *world) lines(e *emit, o order, rules int64, lines []line, why string) {
	online := w.org.stores[len(w.org.stores)-1].id
	left := o.amount
	for n, l := range lines {
		amount := o.amount * l.share / 10000
		if n == len(lines)-1 {
			amount = left
		}
		left -= amount
		team := app.TeamStore
		if l.store == 0 || l.store == online {
			team = app.TeamOnline
		}
		e.row(tCredits, w.corp, o.id, rules, app.ModelRules, n, l.userid, null(l.store), team, l.share, amount, why, o.paid, w.now)
	}
}

// rfm writes b's RFM row from its sales, as of the end of the window.
func (w *world) rfm(e *emit, b buyer, sales []order) {
	var last time.Time
	var money int64
	for _, s := range sales {
		money += s.amount
		if s.paid.After(last) {
			last = s.paid
		}
	}
	recency, lastAt := 0, any(nil)
	if len(sales) > 0 {
		recency, lastAt = int(w.w1.Sub(last).Hours()/24), last
	}
	e.row(tRFM, w.corp, b.id, 0, recency, len(sales), money, lastAt, rfmClass(recency, len(sales), money), rfmStage(recency, len(sales)),
		w.w1.Add(-time.Hour))
}

// rfmClasses are the 8 classes by high R, F and M.
var rfmClasses = map[[3]bool]string{{true, true, true}: app.RFMValue, {false, true, true}: app.RFMRecall, {true, false, true}: app.RFMDeepen,
	{false, false, true}: app.RFMRetain, {true, true, false}: app.RFMPotential, {true, false, false}: app.RFMNew,
	{false, true, false}: app.RFMMaintain, {false, false, false}: app.RFMLost}

// rfmClass is the class of R (≤ 30 days), F (≥ 2) and M (≥ ¥1,000).
func rfmClass(recency, freq int, money int64) string {
	return rfmClasses[[3]bool{recency <= 30, freq >= 2, money >= 100000}]
}

// rfmStage is the lifecycle stage of a member's purchases.
func rfmStage(recency, freq int) string {
	switch {
	case freq == 0:
		return app.StageIntro
	case recency > 120:
		return app.StageChurned
	case recency > 60:
		return app.StageDormant
	case freq > 2:
		return app.StageMature
	}
	return app.StageGrowth
}
