package seed

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// buyer is a member who buys: a customer's member, or a walk-in member
// no guide knows.
type buyer struct {
	id     int64
	no     string
	union  string
	owner  *guide // the guide credited (nil: none)
	g2     *guide // a second guide who shares the credit
	home   int64  // home store (0: none)
	orders int64  // the first order id of its range of 8
	since  time.Time
}

// order is one sale or refund as the credits need it.
type order struct {
	id, store int64
	mall      bool
	amount    int64
	paid      time.Time
}

// saleCounts is how many sales a buyer makes: 0–4, about 1.4 on average.
var saleCounts = []float64{0.25, 0.35, 0.2, 0.12, 0.08}

// members writes c's member (if any) with its orders, credits and RFM
// row, and now and then a walk-in member of a store.
func (w *world) members(e *emit, c *cust) {
	r := c.r
	if c.member != 0 {
		b := buyer{id: c.member, no: fmt.Sprintf("M%s-%d", w.tag, c.i), union: c.union, home: c.g.store, orders: w.ids.order + 16*int64(c.i),
			since: c.added.AddDate(0, 0, -20)}
		if !c.pool && c.g.store != 0 {
			b.owner, b.g2 = &c.g, c.g2
		}
		w.buyer(e, r, b, c.merged)
	}
	if chance(r, 0.05) {
		st := w.org.stores[r.IntN(len(w.org.stores)-1)]
		w.buyer(e, r, buyer{id: w.ids.member + 2*int64(c.i) + 1, no: fmt.Sprintf("M%s-%dw", w.tag, c.i), home: st.id,
			orders: w.ids.order + 16*int64(c.i) + 8, since: w.w0.AddDate(0, 0, -60)}, false)
	}
}

// buyer writes b's member row, sales and refunds, and RFM row.
func (w *world) buyer(e *emit, r *rand.Rand, b buyer, merged bool) {
	status, into := app.MemberActive, any(nil)
	if merged {
		status, into = app.MemberMerged, b.id-2
	}
	created := b.since.AddDate(0, 0, -1)
	e.row(tMembers, b.id, w.corp, 0, b.no, b.union, personName(r), 1+r.IntN(2), []string{"普通", "银卡", "金卡"}[r.IntN(3)], r.IntN(5000),
		null(b.home), "wecom", null(b.home), "[]", status, into, created, created)
	if merged {
		return // a merged member's orders went to the member it was merged into
	}
	var sales []order
	n, x := 0, r.Float64()
	for n < len(saleCounts)-1 && x >= saleCounts[n] {
		x -= saleCounts[n]
		n++
	}
	lo := b.since
	if min := w.w0.AddDate(0, 0, -60); lo.Before(min) {
		lo = min
	}
	for j := range n {
		sales = append(sales, w.sale(e, r, b, j, between(r, lo, w.w1)))
	}
	w.rfm(e, b, sales)
}

// sale writes b's j-th sale with its credits, and perhaps its refund.
func (w *world) sale(e *emit, r *rand.Rand, b buyer, j int, paid time.Time) order {
	o := order{id: b.orders + int64(j), store: b.home, amount: 5000 + r.Int64N(80000), paid: paid}
	if chance(r, 0.1) {
		o.amount += r.Int64N(300000)
	}
	if o.store == 0 || chance(r, 0.3) {
		o.store, o.mall = 0, true
	}
	no := fmt.Sprintf("SD%s-%d", b.no[1:], j)
	w.orderRow(e, o, app.OrderSale, no, nil, b)
	acq := w.acquirer(r, b)
	w.credits(e, b, o, acq)
	if at := paid.Add(time.Duration(24+r.IntN(9*24)) * time.Hour); chance(r, 0.07) && at.Before(w.w1) {
		ref := o
		ref.id, ref.paid, ref.amount = o.id+4, at, -o.amount
		if chance(r, 0.4) {
			ref.amount = -o.amount / 2
		}
		w.orderRow(e, ref, app.OrderRefund, no+"-R", o.id, b)
		w.credits(e, b, ref, acq)
	}
	return o
}

func (w *world) orderRow(e *emit, o order, kind, no string, refundOf any, b buyer) {
	source, code := app.OrderSourcePOS, ""
	if o.mall {
		source = app.OrderSourceMall
	} else if b.owner != nil && b.owner.store == o.store {
		code = b.owner.userid
	}
	e.row(tOrders, o.id, w.corp, 0, source, kind, no, refundOf, null(o.store), code, b.id, b.no, b.union, o.amount, o.paid,
		fmt.Sprintf("%064x", o.id), o.paid, o.paid)
}
