package attribution

import (
	"math"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// contact are the touches the analytical models credit: contacts a guide
// made or a customer answered, not owner decisions (a 公众号 follow or
// scan counts when it came through a guide's own code, which names them).
var contact = map[string]bool{app.TouchAdd: true, app.TouchWelcome: true, app.TouchTag: true, app.TouchPanelSend: true,
	app.TouchGroupJoin: true, app.TouchShareClick: true, app.TouchOASubscribe: true, app.TouchOAScan: true, app.TouchReferral: true}

// byModel spreads the order over the guides of the contacts within the
// lookback window before it: all to the last or the first, equally, 40%
// to the first and the last and 20% across the middle, or by weights
// halving every HalfLifeDays back. With no contact, nobody is credited
// (the store of purchase, or the online team, keeps it).
func byModel(b Basis, r app.AttributionRules, model string) []line {
	var ts []app.Touch
	for _, t := range b.Touches {
		if contact[t.Kind] && t.UserID != "" && within(t.At, b.Order.PaidAt, days(r.LookbackDays)) {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 {
		return []line{{storeID: b.Order.StoreID, weight: 1, rule: "none", reason: "回溯期内没有导购触点"}}
	}
	w := weights(ts, b.Order.PaidAt, r, model)
	out := make([]line, 0, len(ts))
	for i, t := range ts {
		if w[i] > 0 {
			out = append(out, line{userID: t.UserID, storeID: t.StoreID, weight: w[i], rule: model, reason: modelReasons[model], touches: []int64{t.ID}})
		}
	}
	return out
}

// weights are each touch's weight under model, for an order at at.
func weights(ts []app.Touch, at time.Time, r app.AttributionRules, model string) []float64 {
	n := len(ts)
	w := make([]float64, n)
	switch model {
	case app.ModelLastTouch:
		w[n-1] = 1
	case app.ModelFirst:
		w[0] = 1
	case app.ModelLinear:
		for i := range w {
			w[i] = 1
		}
	case app.ModelPosition:
		position(w)
	case app.ModelTimeDecay:
		half := float64(days(max(r.HalfLifeDays, 1)))
		for i, t := range ts {
			w[i] = math.Exp2(-float64(at.Sub(t.At)) / half)
		}
	}
	return w
}

// position gives 40% to the first and the last and 20% across the middle:
// one touch takes all, two share equally.
func position(w []float64) {
	n := len(w)
	switch {
	case n == 1:
		w[0] = 1
	case n == 2:
		w[0], w[1] = 0.5, 0.5
	default:
		w[0], w[n-1] = 0.4, 0.4
		for i := 1; i < n-1; i++ {
			w[i] = 0.2 / float64(n-2)
		}
	}
}

// modelReasons explain each model's lines.
var modelReasons = map[string]string{app.ModelLastTouch: "末次触点", app.ModelFirst: "首次触点", app.ModelLinear: "线性：每个触点均分",
	app.ModelPosition: "位置：首末各 40%，中间均分 20%", app.ModelTimeDecay: "时间衰减：越近的触点权重越高"}
