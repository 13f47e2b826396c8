package main

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// demoSale is a sale the panel test sent for its member, with what the
// page must show of it, written out by hand.
type demoSale struct {
	no       string
	store    int   // index into panelWorld.stores, -1: the mini-program mall
	cents    int64 // the sale
	refunds  []int64
	ago      time.Duration
	amount   string // the sale as the page shows it
	refunded string // "" without refunds
}

// demoSales are the member's sales: partial refunds (one without member
// keys), a full refund, amounts over a thousand yuan, a sale made
// online; seven, so the page lists the latest five.
var demoSales = []demoSale{
	{no: "PANEL-S1", store: 0, cents: 128000, refunds: []int64{30000}, ago: 50 * time.Hour, amount: "¥1,280.00", refunded: "已退 ¥300.00"},
	{no: "PANEL-S2", store: -1, cents: 45650, ago: 40 * time.Hour, amount: "¥456.50"},
	{no: "PANEL-S3", store: 1, cents: 9900, refunds: []int64{9900}, ago: 30 * time.Hour, amount: "¥99.00", refunded: "已退 ¥99.00"},
	{no: "PANEL-S4", store: 0, cents: 250000, refunds: []int64{5000, 2550}, ago: 20 * time.Hour, amount: "¥2,500.00", refunded: "已退 ¥75.50"},
	{no: "PANEL-S5", store: 1, cents: 33300, ago: 10 * time.Hour, amount: "¥333.00"},
	{no: "PANEL-S6", store: 0, cents: 18800, ago: 3 * time.Hour, amount: "¥188.00"},
	{no: "PANEL-S7", store: -1, cents: 6600, ago: 2 * time.Hour, amount: "¥66.00"},
}

// demoLTV is what the sales came to net of their refunds, as the page
// shows it; the test checks its own sum against it.
const (
	demoLTVCents = int64(444800)
	demoLTV      = "¥4,448.00"
	demoPhone    = "13800138000"
)

// demoStore is a store as the API lists it.
type demoStore struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// seedBuyer makes the panel's customer a member with the sales above,
// through the API as the brand's systems would, and a sale of nobody.
func (w *panelWorld) seedBuyer(t *testing.T) {
	var stores []demoStore
	require.Equal(t, http.StatusOK, readAPI(t, w.p, w.token, "/api/v1/corps/demo/stores?limit=100", &stores))
	for _, s := range stores {
		if s.Kind == "store" && len(w.stores) < 2 {
			w.stores = append(w.stores, s)
		}
	}
	require.Len(t, w.stores, 2, "the demo has stores")
	w.memberFrom = time.Now()
	w.apiPost(t, "/api/v1/corps/demo/members", map[string]any{"member_no": "PANEL-1", "name": "侧边栏会员", "phone": demoPhone,
		"tier": "金卡", "points": 2680, "external_userids": []string{w.mine.ExternalUserID}})
	w.memberTo = time.Now()
	var orders []map[string]any
	for _, s := range demoSales {
		paid := w.memberTo.Add(-s.ago).UTC()
		o := map[string]any{"source": "mall", "order_no": s.no, "member_no": "PANEL-1", "amount_cents": s.cents, "paid_at": paid.Format(time.RFC3339)}
		if s.store >= 0 {
			o["source"], o["store_code"] = "pos", w.stores[s.store].Code
		}
		orders = append(orders, o)
		for i, r := range s.refunds {
			refund := map[string]any{"source": o["source"], "kind": "refund", "order_no": s.no + "-R" + string(rune('1'+i)), "refund_of": s.no,
				"amount_cents": -r, "paid_at": paid.Add(time.Minute).Format(time.RFC3339)}
			if i == 0 && s.store >= 0 {
				refund["member_no"] = "PANEL-1" // the others name only their sale
			}
			orders = append(orders, refund)
		}
	}
	orders = append(orders, map[string]any{"source": "pos", "order_no": "PANEL-NOBODY", "store_code": w.stores[0].Code, "amount_cents": 99900,
		"paid_at": w.memberTo.Add(-time.Hour).UTC().Format(time.RFC3339)})
	w.apiPost(t, "/api/v1/corps/demo/orders/batch", map[string]any{"orders": orders})
}

// apiPost sends body to the API with the deployment's token; anything
// but a 2xx fails the test.
func (w *panelWorld) apiPost(t *testing.T, path string, body any) {
	t.Helper()
	status, answer := callAPI(t, w.p, w.token, http.MethodPost, path, body)
	require.Less(t, status, 300, string(answer))
}

// expectedSections is the test's own account of the sales: their net
// total, the last sale and the latest five, newest first.
func expectedSections(now time.Time) (ltv int64, last time.Time, recent []demoSale) {
	for _, s := range demoSales {
		ltv += s.cents
		for _, r := range s.refunds {
			ltv -= r
		}
		if at := now.Add(-s.ago); at.After(last) {
			last = at
		}
	}
	recent = slices.SortedFunc(slices.Values(demoSales), func(a, b demoSale) int { return int(a.ago - b.ago) })
	return ltv, last, recent[:5]
}
