package member_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// An order that arrives before its member is linked when the member
// does, by phone; an order arriving after is linked at once, by member
// number.
func TestOrdersFindTheirMember(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		amount := int64(12800)
		paid := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
		early, err := f.core.Orders.IngestOrder(f.ctx, f.corp, app.OrderInput{Source: app.OrderSourceMall, Kind: app.OrderSale,
			OrderNo: "A-1", Phone: "13800000009", AmountCents: &amount, PaidAt: paid})
		require.NoError(t, err)
		res := f.upsert(t, member.Input{MemberNo: "L1", Phone: "138 0000 0009"})
		o, err := f.core.Stores.Orders.FindOrder(f.ctx, f.corp, early.ID)
		require.NoError(t, err)
		require.NotNil(t, o.MemberID, "linked when the member arrived")
		assert.Equal(t, res.MemberID, *o.MemberID)

		late, err := f.core.Orders.IngestOrder(f.ctx, f.corp, app.OrderInput{Source: app.OrderSourcePOS, Kind: app.OrderSale,
			OrderNo: "P-1", StoreCode: "S01", MemberNo: "L1", AmountCents: &amount, PaidAt: paid})
		require.NoError(t, err)
		o, err = f.core.Stores.Orders.FindOrder(f.ctx, f.corp, late.ID)
		require.NoError(t, err)
		require.NotNil(t, o.MemberID)
		assert.Equal(t, res.MemberID, *o.MemberID)
	})
}
