package attribution_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
)

// The world the scenarios run in: two stores, the online team, guides.
var (
	s1, s2, on = int64(1), int64(2), int64(3)
	stores     = map[int64]app.Store{s1: {ID: s1, Kind: app.StoreKindStore}, s2: {ID: s2, Kind: app.StoreKindStore}, on: {ID: on, Kind: app.StoreKindOnline}}
	guides     = map[string]app.Guide{"g1": {UserID: "g1", StoreID: s1}, "g2": {UserID: "g2", StoreID: s1}, "g3": {UserID: "g3", StoreID: s2}, "o1": {UserID: "o1", StoreID: on}}
	day0       = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
)

// scenario makes a random customer's touches and one order after them.
func scenario(rng *rand.Rand, id int64) attribution.Basis {
	names := []string{"g1", "g2", "g3", "o1"}
	kinds := []string{app.TouchAdd, app.TouchOwner, app.TouchShareClick, app.TouchWelcome, app.TouchGroupJoin, app.TouchPanelSend}
	var ts []app.Touch
	at := day0.Add(time.Duration(rng.IntN(48)) * time.Hour)
	for i := range rng.IntN(7) {
		g := names[rng.IntN(len(names))]
		st := guides[g].StoreID
		ts = append(ts, app.Touch{ID: id*100 + int64(i), Kind: kinds[rng.IntN(len(kinds))], UserID: g, StoreID: &st, At: at})
		at = at.Add(time.Duration(1+rng.IntN(20*24)) * time.Hour)
	}
	o := app.Order{ID: id, Kind: app.OrderSale, AmountCents: int64(1 + rng.IntN(200000)), PaidAt: at.Add(-time.Duration(rng.IntN(30*24)) * time.Hour)}
	if k := rng.IntN(4); k < 3 {
		sid := []int64{s1, s2, on}[k]
		o.StoreID = &sid
	}
	if rng.IntN(3) == 0 {
		o.GuideCode = names[rng.IntN(len(names))]
	}
	return attribution.Basis{Order: o, Touches: ts, Guides: guides, Stores: stores}
}

// ruleSets are the default and variants that exercise each switch.
func ruleSets() []app.AttributionRules {
	def := app.DefaultAttributionRules(1, 0)
	out := []app.AttributionRules{def}
	v := def
	v.Precedence, v.Binding, v.BindingDays, v.CrossStore = []string{app.RuleShare, app.RuleOwner, app.RuleAdderLast, app.RuleStore}, app.BindingTemporary, 10, false
	out = append(out, v)
	v = def
	v.AcquirerPct, v.ProtectionDays, v.ShareDays, v.Precedence = 60, 20, 3, []string{app.RulePOSGuide, app.RuleAdderFirst, app.RuleOwner}
	out = append(out, v)
	v = def
	v.ProtectionDays, v.Precedence, v.CrossStore = 0, []string{app.RuleStore, app.RuleOwner}, false
	return append(out, v)
}

// Siyu's credit for every order under every rule set and model equals an
// independent computation: the same guides and stores, amounts within a
// cent of the exact share, adding up to the order exactly.
func TestCreditMatchesIndependentComputation(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	models := []string{app.ModelRules, app.ModelLastTouch, app.ModelFirst, app.ModelLinear, app.ModelPosition, app.ModelTimeDecay}
	for i := range 3000 {
		b := scenario(rng, int64(i+1))
		for ri, r := range ruleSets() {
			for _, m := range models {
				got := attribution.Decide(b, r, m)
				var want map[key]float64
				if m == app.ModelRules {
					want = oracleRules(b, r)
				} else {
					want = oracleModel(b, r, m)
				}
				compare(t, fmt.Sprintf("order %d rules %d model %s", i+1, ri, m), b.Order.AmountCents, want, got)
			}
		}
	}
}

// key is who a line credits.
type key struct {
	user  string
	store int64 // 0: no store
}

func compare(t *testing.T, name string, amount int64, want map[key]float64, got []app.Credit) {
	compareWithin(t, name, amount, want, got, 1.0001)
}

// compareWithin is compare with a tolerance per line: a cent, or two for
// a refund (its lines share out the sale's lines, each already rounded
// to the cent).
func compareWithin(t *testing.T, name string, amount int64, want map[key]float64, got []app.Credit, cents float64) {
	t.Helper()
	sum, bp := int64(0), 0
	gotKeys := map[key]int64{}
	for _, c := range got {
		k := key{c.UserID, 0}
		if c.StoreID != nil {
			k.store = *c.StoreID
		}
		gotKeys[k] += c.AmountCents
		sum, bp = sum+c.AmountCents, bp+c.ShareBP
		var e attribution.Explanation
		require.NoError(t, json.Unmarshal([]byte(c.Explanation), &e), name)
		require.NotEmpty(t, e.Reason, name)
	}
	require.Equal(t, amount, sum, name)
	require.Equal(t, 10000, bp, name)
	require.Len(t, gotKeys, len(want), "%s: got %v want %v", name, gotKeys, want)
	for k, share := range want {
		exact := float64(amount) * share
		require.InDelta(t, exact, float64(gotKeys[k]), cents, "%s %v", name, k)
	}
}

// oracleRules is the brand's rules written out plainly, as a reader of
// the settings page would apply them by hand: shares by who.
func oracleRules(b attribution.Basis, r app.AttributionRules) map[key]float64 {
	o := b.Order
	isOnline := o.StoreID == nil || b.Stores[*o.StoreID].Kind != app.StoreKindStore
	var before []app.Touch
	for _, t := range b.Touches {
		if !t.At.After(o.PaidAt) {
			before = append(before, t)
		}
	}
	var adds []app.Touch
	for _, t := range before {
		if t.Kind == app.TouchAdd {
			adds = append(adds, t)
		}
	}
	if isOnline && r.ProtectionDays > 0 && len(adds) > 0 && b.Stores[*adds[0].StoreID].Kind == app.StoreKindStore &&
		o.PaidAt.Sub(adds[0].At) <= time.Duration(r.ProtectionDays)*24*time.Hour {
		out := map[key]float64{{adds[0].UserID, *adds[0].StoreID}: float64(r.AcquirerPct) / 100}
		if r.AcquirerPct < 100 {
			out[byPrecedence(b, r, before, adds, isOnline)] += float64(100-r.AcquirerPct) / 100
		}
		return out
	}
	return map[key]float64{byPrecedence(b, r, before, adds, isOnline): 1}
}

func byPrecedence(b attribution.Basis, r app.AttributionRules, before, adds []app.Touch, isOnline bool) key {
	o := b.Order
	orderStore := int64(0)
	if o.StoreID != nil {
		orderStore = *o.StoreID
	}
	latest := func(kind string, window time.Duration) []key {
		for i := len(before) - 1; i >= 0; i-- {
			if t := before[i]; t.Kind == kind && (window == 0 || o.PaidAt.Sub(t.At) <= window) {
				return []key{{t.UserID, *t.StoreID}}
			}
		}
		return nil
	}
	for _, rule := range r.Precedence {
		var c []key
		switch rule {
		case app.RuleOwner:
			w := time.Duration(0)
			if r.Binding == app.BindingTemporary {
				w = time.Duration(r.BindingDays) * 24 * time.Hour
			}
			// a temporary binding only counts while it lasts: the latest
			// owner decides, and only if it is recent enough.
			for i := len(before) - 1; i >= 0; i-- {
				if before[i].Kind == app.TouchOwner {
					if w == 0 || o.PaidAt.Sub(before[i].At) <= w {
						c = []key{{before[i].UserID, *before[i].StoreID}}
					}
					break
				}
			}
		case app.RuleShare:
			c = latest(app.TouchShareClick, time.Duration(r.ShareDays)*24*time.Hour)
		case app.RuleAdderFirst:
			if len(adds) > 0 {
				c = []key{{adds[0].UserID, *adds[0].StoreID}}
			}
		case app.RuleAdderLast:
			c = latest(app.TouchAdd, 0)
		case app.RulePOSGuide:
			if g, ok := b.Guides[o.GuideCode]; ok && o.GuideCode != "" {
				c = []key{{g.UserID, g.StoreID}}
			}
		case app.RuleStore:
			if orderStore != 0 {
				return key{"", orderStore}
			}
		}
		if len(c) == 1 && (r.CrossStore || isOnline || c[0].store == orderStore) {
			return c[0]
		}
	}
	return key{"", orderStore}
}

// oracleModel is each analytical model by its textbook definition.
func oracleModel(b attribution.Basis, r app.AttributionRules, model string) map[key]float64 {
	var ts []app.Touch
	for _, t := range b.Touches {
		age := b.Order.PaidAt.Sub(t.At)
		if t.Kind != app.TouchOwner && age >= 0 && age <= time.Duration(r.LookbackDays)*24*time.Hour {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 {
		k := key{}
		if b.Order.StoreID != nil {
			k.store = *b.Order.StoreID
		}
		return map[key]float64{k: 1}
	}
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].At.Before(ts[j].At) })
	n := len(ts)
	w := make([]float64, n)
	switch model {
	case app.ModelLastTouch:
		w[n-1] = 1
	case app.ModelFirst:
		w[0] = 1
	case app.ModelLinear:
		for i := range w {
			w[i] = 1 / float64(n)
		}
	case app.ModelPosition:
		for i := range w {
			switch {
			case n <= 2:
				w[i] = 1 / float64(n)
			case i == 0 || i == n-1:
				w[i] = 0.4
			default:
				w[i] = 0.2 / float64(n-2)
			}
		}
	case app.ModelTimeDecay:
		total := 0.0
		for i, t := range ts {
			w[i] = math.Pow(0.5, b.Order.PaidAt.Sub(t.At).Hours()/24/float64(r.HalfLifeDays))
			total += w[i]
		}
		for i := range w {
			w[i] /= total
		}
	}
	out := map[key]float64{}
	for i, t := range ts {
		if w[i] > 0 {
			out[key{t.UserID, *t.StoreID}] += w[i]
		}
	}
	return out
}

// A refund takes back credit from whom the sale gave it, in proportion,
// to the cent.
func TestRefundReversesItsShare(t *testing.T) {
	st := s1
	sale := attribution.Decide(attribution.Basis{Order: app.Order{ID: 1, AmountCents: 10001, StoreID: &st,
		PaidAt: day0.Add(48 * time.Hour)}, Touches: []app.Touch{
		{ID: 1, Kind: app.TouchAdd, UserID: "g1", StoreID: &st, At: day0},
		{ID: 2, Kind: app.TouchShareClick, UserID: "g2", StoreID: &st, At: day0.Add(time.Hour)},
		{ID: 3, Kind: app.TouchWelcome, UserID: "g1", StoreID: &st, At: day0.Add(2 * time.Hour)}},
		Guides: guides, Stores: stores}, app.DefaultAttributionRules(1, 0), app.ModelLinear)
	require.Len(t, sale, 2)
	refund := attribution.Reverse(sale, app.Order{ID: 2, Kind: app.OrderRefund, AmountCents: -3000})
	total := int64(0)
	for i, c := range refund {
		assert.Equal(t, sale[i].UserID, c.UserID)
		assert.Equal(t, int64(2), c.OrderID)
		total += c.AmountCents
	}
	assert.Equal(t, int64(-3000), total)
	assert.Equal(t, int64(-2000), refund[0].AmountCents, "g1 had two of the three touches")
}
