package attribution

import (
	"github.com/siyu-scrm/siyu/app"
)

// byRules applies the brand's rules: an online order of a customer a
// store acquired within the protection window goes to that store (its
// AcquirerPct of it, the rest by precedence); anything else by precedence.
func byRules(b Basis, r app.AttributionRules) []line {
	if online(b) {
		if acq := acquirer(b, r); acq != nil {
			pct := min(max(r.AcquirerPct, 0), 100)
			out := []line{{userID: acq.UserID, storeID: acq.StoreID, weight: float64(pct), rule: "protection",
				reason: "保护期内，线上订单归属获客门店", touches: []int64{acq.ID}}}
			if pct < 100 {
				rest := precedence(b, r)
				rest.weight = float64(100 - pct)
				out = append(out, rest)
			}
			return out
		}
	}
	l := precedence(b, r)
	l.weight = 1
	return []line{l}
}

// online reports whether the order was not made in a physical store.
func online(b Basis) bool {
	if b.Order.StoreID == nil {
		return true
	}
	return b.Stores[*b.Order.StoreID].Kind != app.StoreKindStore
}

// acquirer is the touch by which a physical store acquired the customer
// (their first add, or their first 公众号 follow or scan through a
// store's code), when the order falls in its protection window.
func acquirer(b Basis, r app.AttributionRules) *app.Touch {
	if r.ProtectionDays <= 0 {
		return nil
	}
	for i, t := range b.Touches {
		if !acquires(t) || t.At.After(b.Order.PaidAt) {
			continue
		}
		if t.StoreID == nil || b.Stores[*t.StoreID].Kind != app.StoreKindStore {
			return nil // acquired online: nothing to protect
		}
		if within(t.At, b.Order.PaidAt, days(r.ProtectionDays)) {
			return &b.Touches[i]
		}
		return nil
	}
	return nil
}

// acquires reports whether t acquires the customer: an add always (for
// its store, or for nobody's when it came in online); a 公众号 follow or
// scan only when it came through a code of a store or of one of its
// guides — following the account from a search or a campaign of no store
// acquires the customer for nobody, so it does not end a store's claim.
func acquires(t app.Touch) bool {
	switch t.Kind {
	case app.TouchAdd:
		return true
	case app.TouchOASubscribe, app.TouchOAScan:
		return t.StoreID != nil
	}
	return false
}

// precedence walks the rules in the brand's order; the first that names
// a guide (or, for RuleStore, the store of purchase) decides. An in-store
// sale skips a guide of another store unless CrossStore allows it.
func precedence(b Basis, r app.AttributionRules) line {
	for _, rule := range r.Precedence {
		l, ok := candidate(b, r, rule)
		if ok && (r.CrossStore || rule == app.RuleStore || !otherStore(b, l)) {
			l.rule = rule
			return l
		}
	}
	return line{storeID: b.Order.StoreID, rule: "none", reason: "没有规则命中，归属下单门店或线上团队"}
}

// otherStore reports whether l credits a store other than the one an
// in-store sale was made in.
func otherStore(b Basis, l line) bool {
	if online(b) || l.storeID == nil {
		return false
	}
	return *l.storeID != *b.Order.StoreID
}
