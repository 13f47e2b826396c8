package attribution

import (
	"slices"
	"sort"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// fullBP is a whole order in basis points.
const fullBP = 10000

// merge folds lines crediting the same guide in the same store into one,
// keeping the first's rule and reason and every touch, in first-seen order.
// An order has a handful of lines, so a search beats a map.
func merge(lines []line) []line {
	out := make([]line, 0, len(lines))
	for _, l := range lines {
		i := slices.IndexFunc(out, func(o line) bool { return o.userID == l.userID && sameStore(o.storeID, l.storeID) })
		if i < 0 {
			out = append(out, l)
			continue
		}
		out[i].weight += l.weight
		out[i].touches = append(out[i].touches, l.touches...)
	}
	return out
}

// sameStore reports whether a and b name the same store (or both none).
func sameStore(a, b *int64) bool {
	return a == b || (a != nil && b != nil && *a == *b)
}

// credits turns weighted lines into credit lines: basis points and cents
// shared out by largest remainder, so that they add up exactly.
func credits(b Basis, r app.AttributionRules, model string, lines []line) []app.Credit {
	ws := make([]float64, len(lines))
	for i, l := range lines {
		ws[i] = l.weight
	}
	bps := apportion(fullBP, ws)
	amounts := apportion(b.Order.AmountCents, ws)
	out := make([]app.Credit, len(lines))
	for i, l := range lines {
		out[i] = app.Credit{CorpID: b.Order.CorpID, OrderID: b.Order.ID, RulesID: r.ID, Model: model, Line: i + 1,
			UserID: l.userID, StoreID: l.storeID, Team: team(b, l.storeID), ShareBP: int(bps[i]), AmountCents: amounts[i],
			Explanation: explain(l, r)}
	}
	return out
}

// team is the team a store belongs to: a physical store's, else online.
func team(b Basis, storeID *int64) string {
	if storeID != nil && b.Stores[*storeID].Kind == app.StoreKindStore {
		return app.TeamStore
	}
	return app.TeamOnline
}

// Explanation is why a credit line is what it is: the rule (or model)
// that decided, in words, the touches it read and the rule version.
type Explanation struct {
	Rule    string  `json:"rule"`
	Reason  string  `json:"reason"`
	Touches []int64 `json:"touches"`
	Version int     `json:"version"`
}

// explain writes l's Explanation as JSON by hand: a recompute explains
// millions of lines.
func explain(l line, r app.AttributionRules) string {
	b := make([]byte, 0, 96+12*len(l.touches))
	b = app.AppendJSONString(append(b, `{"rule":`...), l.rule)
	b = app.AppendJSONString(append(b, `,"reason":`...), l.reason)
	b = append(b, `,"touches":[`...)
	for i, t := range l.touches {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, t, 10)
	}
	b = strconv.AppendInt(append(b, `],"version":`...), int64(r.Version), 10)
	return string(append(b, '}'))
}

// apportion shares total out in proportion to ws (all zero: equally):
// each share rounded down, then the cents left over go one by one to the
// largest remainders, earlier lines first on a tie. The shares add up to
// total exactly, and carry its sign.
func apportion(total int64, ws []float64) []int64 {
	sum := 0.0
	for _, w := range ws {
		sum += w
	}
	if sum <= 0 {
		ws, sum = ones(len(ws)), float64(len(ws))
	}
	neg := total < 0
	if neg {
		total = -total
	}
	out, rest := make([]int64, len(ws)), make([]float64, len(ws))
	left := total
	for i, w := range ws {
		exact := float64(total) * w / sum
		out[i] = int64(exact)
		rest[i], left = exact-float64(out[i]), left-out[i]
	}
	order := make([]int, len(ws))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rest[order[a]] > rest[order[b]] })
	for i := 0; left > 0; i, left = i+1, left-1 {
		out[order[i%len(order)]]++
	}
	if neg {
		for i := range out {
			out[i] = -out[i]
		}
	}
	return out
}

func ones(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = 1
	}
	return out
}
