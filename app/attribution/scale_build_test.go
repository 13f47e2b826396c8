package attribution_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/member"
)

func ext(i int) string { return fmt.Sprintf("wmext%05d", i) }

// buildMembers makes members M<i>, each one WeCom customer.
func (c *chain) buildMembers(t *testing.T, n int) {
	c.members = n
	var batch []member.Input
	for i := range n {
		batch = append(batch, member.Input{MemberNo: fmt.Sprintf("M%05d", i), ExternalUserIDs: []string{ext(i)}})
		if len(batch) == member.MaxBatch || i == n-1 {
			_, err := c.core.Member.UpsertBatch(c.ctx, c.corp, batch)
			require.NoError(t, err)
			batch = batch[:0]
		}
	}
}

// base is the chain's first moment: everything happens in the year after.
var base = time.Now().UTC().Truncate(time.Second).Add(-400 * 24 * time.Hour)

// buildTouches spreads touches over the members, each at its own second.
func (c *chain) buildTouches(t *testing.T, rng *rand.Rand, n size) {
	names := make([]string, 0, len(c.guides))
	for u := range c.guides {
		names = append(names, u)
	}
	slices.Sort(names)
	kinds := []string{app.TouchAdd, app.TouchOwner, app.TouchShareClick, app.TouchWelcome, app.TouchGroupJoin, app.TouchPanelSend, app.TouchTag}
	var batch []app.Touch
	for i := range n.touches {
		g := c.guides[names[rng.IntN(len(names))]]
		sid := c.codes[g.StoreCode]
		x := app.Touch{CorpID: c.corp, Kind: kinds[rng.IntN(len(kinds))], SourceID: fmt.Sprintf("t:%d", i), UserID: g.UserID,
			StoreID: &sid, ExternalUserID: ext(rng.IntN(n.members)), At: base.Add(time.Duration(rng.IntN(300*86400))*time.Second + time.Duration(i)*time.Millisecond)}
		batch = append(batch, x)
		c.touches[x.ExternalUserID] = append(c.touches[x.ExternalUserID], x)
		if len(batch) == 500 || i == n.touches-1 {
			require.NoError(t, c.core.Touch.Record(c.ctx, batch...))
			batch = batch[:0]
		}
	}
	for e := range c.touches {
		slices.SortFunc(c.touches[e], func(a, b app.Touch) int { return a.At.Compare(b.At) })
	}
}

// buildOrders makes sales in stores and online, some with the till's
// guide, and refunds of some of them, sent in batches of 1,000.
func (c *chain) buildOrders(t *testing.T, rng *rand.Rand, n size) {
	codes := []string{"S1", "S2", "S3", "ON", ""}
	for i := range n.orders {
		m := rng.IntN(n.members)
		amount := int64(100 + rng.IntN(100000))
		o := app.OrderInput{Source: app.OrderSourcePOS, Kind: app.OrderSale, OrderNo: fmt.Sprintf("O%06d", i), MemberNo: fmt.Sprintf("M%05d", m),
			StoreCode: codes[rng.IntN(len(codes))], AmountCents: &amount,
			PaidAt: base.Add(time.Duration(30*86400+rng.IntN(330*86400)) * time.Second).Format(time.RFC3339)}
		if o.StoreCode == "" || o.StoreCode == "ON" {
			o.Source = app.OrderSourceMall
		}
		if rng.IntN(4) == 0 {
			o.GuideCode = fmt.Sprintf("%s_g%d", []string{"S1", "S2", "S3", "ON"}[rng.IntN(4)], 1+rng.IntN(3))
		}
		c.sales, c.buyer[o.OrderNo] = append(c.sales, o), ext(m)
		if rng.IntN(8) == 0 {
			back := -(1 + rng.Int64N(amount))
			c.refunds = append(c.refunds, app.OrderInput{Source: o.Source, Kind: app.OrderRefund, OrderNo: "R" + o.OrderNo, RefundOf: o.OrderNo,
				StoreCode: o.StoreCode, MemberNo: o.MemberNo, AmountCents: &back, PaidAt: o.PaidAt})
		}
	}
	c.send(t, c.sales, app.OrderCreated)
	c.send(t, c.refunds, app.OrderCreated)
}

// send ingests orders in batches of 1,000, each expecting outcome.
func (c *chain) send(t *testing.T, orders []app.OrderInput, outcome string) {
	for start := 0; start < len(orders); start += 1000 {
		res, err := c.core.Orders.IngestOrders(c.ctx, c.corp, orders[start:min(start+1000, len(orders))])
		require.NoError(t, err)
		for _, r := range res {
			require.Equal(t, outcome, r.Outcome)
		}
	}
}

// resend sends every batch again: every order and member is unchanged.
func (c *chain) resend(t *testing.T) {
	c.send(t, c.sales, app.OrderUnchanged)
	c.send(t, c.refunds, app.OrderUnchanged)
	for start := 0; start < c.members; start += member.MaxBatch {
		var batch []member.Input
		for i := start; i < min(start+member.MaxBatch, c.members); i++ {
			batch = append(batch, member.Input{MemberNo: fmt.Sprintf("M%05d", i), ExternalUserIDs: []string{ext(i)}})
		}
		res, err := c.core.Member.UpsertBatch(c.ctx, c.corp, batch)
		require.NoError(t, err)
		for _, r := range res {
			require.Equal(t, member.Unchanged, r.Outcome)
		}
	}
}
