// Package attribution credits orders (业绩归属) to guides, stores and the
// store or online team: by each brand's versioned rule set (an ordered
// precedence among the owner, the share link, the guide added and the
// store of purchase, a protection window for the acquiring store, a
// split, a binding kind and a cross-store switch), and by the analytical
// models beside it over the touch ledger. Every credit line names its
// rule version and explains itself: the rule that decided and the
// touches it read.
package attribution

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Basis is everything one order's credit is decided from: the order, the
// buyer's touches up to it (oldest first), and the guides and stores they
// name.
type Basis struct {
	Order   app.Order
	Touches []app.Touch
	Guides  map[string]app.Guide
	Stores  map[int64]app.Store
}

// line is one share of an order before it becomes a Credit.
type line struct {
	userID  string
	storeID *int64
	weight  float64
	rule    string
	reason  string
	touches []int64
}

// Decide is the order's credit under model with rules r: lines that add
// up to the order's amount to the cent. A refund is not decided here: it
// reverses its sale's lines (Reverse).
func Decide(b Basis, r app.AttributionRules, model string) []app.Credit {
	var lines []line
	if model == app.ModelRules {
		lines = byRules(b, r)
	} else {
		lines = byModel(b, r, model)
	}
	return credits(b, r, model, merge(lines))
}

// days is n days as a duration.
func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// within reports whether t is at most window before at (and not after).
func within(t, at time.Time, window time.Duration) bool {
	return !t.After(at) && at.Sub(t) <= window
}
