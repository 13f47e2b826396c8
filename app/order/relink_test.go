package order_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/order"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// An order and its member written at the same instant miss each other:
// the order's match sees no member yet, the member's link sees no order.
// The relink pass joins them once, and looks back only RelinkWindow.
func TestRelinkJoinsOrdersAndMembersWrittenTogether(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		blind := f.core.OrderDeps(testkit.Box(t))
		blind.Members = nil // the member is not committed when the order is matched
		o := sale("RACE1")
		o.MemberNo = "MRACE"
		res, err := order.New(blind).IngestOrders(f.ctx, f.corp, []app.OrderInput{o})
		require.NoError(t, err)

		orders := f.core.Member.Orders
		f.core.Member.Orders = nil // nor the order when the member links its orders
		m, err := f.core.Member.Upsert(f.ctx, f.corp, member.Input{MemberNo: "MRACE", Name: "同时到达"})
		f.core.Member.Orders = orders
		require.NoError(t, err)
		got, err := f.svc.FindOrder(f.ctx, f.corp, res[0].ID, f.admin)
		require.NoError(t, err)
		require.Nil(t, got.MemberID, "the race left the order unlinked")

		later := f.core.OrderDeps(testkit.Box(t))
		later.Now = func() time.Time { return time.Now().Add(order.RelinkWindow + time.Minute) }
		n, err := order.New(later).Relink(f.ctx, f.corp, 0)
		require.NoError(t, err)
		assert.Zero(t, n, "an order older than the window is not looked at")

		n, err = f.svc.Relink(f.ctx, f.corp, 0)
		require.NoError(t, err)
		assert.Equal(t, int64(1), n)
		got, err = f.svc.FindOrder(f.ctx, f.corp, res[0].ID, f.admin)
		require.NoError(t, err)
		require.NotNil(t, got.MemberID)
		assert.Equal(t, m.MemberID, *got.MemberID)
		n, err = f.svc.Relink(f.ctx, f.corp, 0)
		require.NoError(t, err)
		assert.Zero(t, n, "a linked order is linked once")
	})
}
