package attribution

import (
	"encoding/json"
	"sort"

	"github.com/siyu-scrm/siyu/app"
)

// fullBP is a whole order in basis points.
const fullBP = 10000

// merge folds lines crediting the same guide in the same store into one,
// keeping the first's rule and reason and every touch, in first-seen order.
func merge(lines []line) []line {
	var out []line
	at := map[[2]string]int{}
	for _, l := range lines {
		k := [2]string{l.userID, storeKey(l.storeID)}
		if i, ok := at[k]; ok {
			out[i].weight += l.weight
			out[i].touches = append(out[i].touches, l.touches...)
			continue
		}
		at[k] = len(out)
		out = append(out, l)
	}
	return out
}

func storeKey(id *int64) string {
	if id == nil {
		return ""
	}
	b, _ := json.Marshal(*id)
	return string(b)
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

func explain(l line, r app.AttributionRules) string {
	ts := l.touches
	if ts == nil {
		ts = []int64{}
	}
	b, _ := json.Marshal(Explanation{Rule: l.rule, Reason: l.reason, Touches: ts, Version: r.Version})
	return string(b)
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
