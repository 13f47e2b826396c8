package order_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The phone an order carries is kept only as its blind index: no column
// of any row holds the number, or its last eight digits, in any form.
func TestPhoneNeverInClear(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for i, phone := range []string{"+86 138 0013 8000", "0086-139-1234-5678", "15012345678"} {
			o := sale("PH" + string(rune('A'+i)))
			o.Phone = phone
			_, err := f.svc.IngestOrder(f.ctx, f.corp, o)
			require.NoError(t, err)
		}
		for _, table := range []string{"orders", "order_items"} {
			for _, row := range rows(t, d, table) {
				for _, cell := range row {
					for _, digits := range []string{"13800138000", "00138000", "13912345678", "12345678", "15012345678"} {
						assert.NotContains(t, strings.ReplaceAll(cell, "-", ""), digits, "%s holds a phone in clear", table)
					}
				}
			}
		}
		idx := testkit.Box(t).Index(app.KeyPhone, "13800138000")
		n, err := f.svc.LinkOrders(f.ctx, f.corp, 0, 7, app.MemberKeys{PhoneIndex: idx})
		require.NoError(t, err)
		assert.Equal(t, int64(1), n, "the index finds the order however the number was written")
	})
}

// An order that arrives before its member is linked when the member does,
// within the member's scope, once.
func TestLinkOrders(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		byOpenID, byUnion, apart, noKeys := sale("L1"), sale("L2"), sale("L3"), sale("L4")
		byOpenID.MemberNo, byOpenID.OpenID = "", "o-abc"
		byUnion.MemberNo, byUnion.UnionID = "", "u-abc"
		apart.StoreCode, apart.MemberNo, apart.OpenID = "BJ01", "", "o-abc" // another brand's scope
		noKeys.MemberNo = ""
		res, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{byOpenID, byUnion, apart, noKeys})
		require.NoError(t, err)

		keys := app.MemberKeys{UnionID: "u-abc", OpenIDs: []string{"o-abc", "o-other"}}
		n, err := f.svc.LinkOrders(f.ctx, f.corp, 0, 42, keys)
		require.NoError(t, err)
		assert.Equal(t, int64(2), n)
		member := func(id int64) *int64 {
			o, err := f.svc.FindOrder(f.ctx, f.corp, id, f.admin)
			require.NoError(t, err)
			return o.MemberID
		}
		assert.Equal(t, int64(42), *member(res[0].ID))
		assert.Equal(t, int64(42), *member(res[1].ID))
		assert.Nil(t, member(res[2].ID), "another scope's order is another brand's customer")
		assert.Nil(t, member(res[3].ID))

		n, err = f.svc.LinkOrders(f.ctx, f.corp, 0, 43, keys)
		require.NoError(t, err)
		assert.Zero(t, n, "a linked order is not taken by another member")
		n, err = f.svc.LinkOrders(f.ctx, f.corp, f.apart, 44, app.MemberKeys{OpenIDs: []string{"o-abc"}})
		require.NoError(t, err)
		assert.Equal(t, int64(1), n)
		n, err = f.svc.LinkOrders(f.ctx, f.corp, 0, 45, app.MemberKeys{})
		require.NoError(t, err)
		assert.Zero(t, n, "no keys link nothing")

		list, _, err := f.svc.ListOrders(f.ctx, f.corp, f.admin, app.OrderFilter{MemberID: 42})
		require.NoError(t, err)
		assert.Len(t, list, 2)
	})
}

// With the member capability wired, each order of a batch is linked as
// it arrives to the member its strongest key names in its brand scope:
// member number, then unionid, then phone; none for unknown keys, no keys,
// or another brand's store.
func TestIngestMatchesMembers(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		x, err := f.core.Member.Upsert(f.ctx, f.corp, member.Input{MemberNo: "M1", Name: "甲"})
		require.NoError(t, err)
		y, err := f.core.Member.Upsert(f.ctx, f.corp, member.Input{MemberNo: "M9", UnionID: "u-y", Phone: "13800138000", PhoneVerified: true, Name: "乙"})
		require.NoError(t, err)
		byNo, again, unknown, none, byUnion, byPhone, apart, strongest := sale("A"), sale("B"), sale("C"), sale("D"), sale("E"), sale("F"), sale("G"), sale("H")
		byNo.MemberNo, again.MemberNo, unknown.MemberNo, none.MemberNo = "M1", "M1", "M2", ""
		byUnion.MemberNo, byUnion.UnionID = "", "u-y"
		byPhone.MemberNo, byPhone.Phone = "M404", "138 0013 8000"
		apart.StoreCode, apart.MemberNo = "BJ01", "M1"
		strongest.MemberNo, strongest.UnionID = "M1", "u-y" // the member number wins
		res, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{byNo, again, unknown, none, byUnion, byPhone, apart, strongest})
		require.NoError(t, err)
		for i, want := range []*int64{&x.MemberID, &x.MemberID, nil, nil, &y.MemberID, &y.MemberID, nil, &x.MemberID} {
			o, err := f.svc.FindOrder(f.ctx, f.corp, res[i].ID, f.admin)
			require.NoError(t, err)
			assert.Equal(t, want, o.MemberID, "order %d", i)
		}
	})
}

func ptr(n int64) *int64 { return &n }
