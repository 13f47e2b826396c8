package order_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/order"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// fixture is the order capability on a fresh database: store SH001 of a
// brand sharing its customers (scope 0), store BJ01 of a brand keeping
// them apart (scope = that brand), each with a store manager.
type fixture struct {
	d         *db.DB
	core      *root.Core
	svc       *order.Service
	corp      int64
	sh, bj    int64 // store ids
	apart     int64 // the scope of BJ01
	ctx       context.Context
	admin, sm app.Principal // sm manages SH001
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	core := root.NewCore(d, testkit.Box(t), auth.Options{})
	ctx := app.WithActor(context.Background(), "user:1")
	c := &app.Corp{CorpID: testkit.RandomName("ww"), Name: "订单测试"}
	require.NoError(t, core.Stores.Corps.CreateCorp(ctx, c))
	shared, apart := &app.Brand{CorpID: c.ID, Name: "面包", SharesCustomers: true}, &app.Brand{CorpID: c.ID, Name: "咖啡"}
	require.NoError(t, core.Org.CreateBrand(ctx, shared))
	require.NoError(t, core.Org.CreateBrand(ctx, apart))
	sh := &app.Store{CorpID: c.ID, Code: "SH001", Name: "人民广场店", BrandID: &shared.ID}
	bj := &app.Store{CorpID: c.ID, Code: "BJ01", Name: "国贸店", BrandID: &apart.ID}
	require.NoError(t, core.Org.CreateStore(ctx, sh))
	require.NoError(t, core.Org.CreateStore(ctx, bj))
	require.NoError(t, core.Org.CreateGuide(ctx, &app.Guide{CorpID: c.ID, UserID: "shm", StoreCode: "SH001", Role: app.GuideRoleManager}))
	return &fixture{d: d, core: core, svc: core.Orders, corp: c.ID, sh: sh.ID, bj: bj.ID, apart: apart.ID, ctx: ctx,
		admin: app.Principal{CorpID: c.ID, Role: app.RoleAdmin, Actor: "user:1"},
		sm:    app.Principal{CorpID: c.ID, Role: app.RoleStoreManager, Actor: "user:2", Name: "shm"}}
}

// sale is a good sale numbered no at SH001 with two lines.
func sale(no string) app.OrderInput {
	return app.OrderInput{Source: app.OrderSourcePOS, OrderNo: no, StoreCode: "SH001", GuideCode: "g01", MemberNo: "M" + no,
		AmountCents: cents(12800), PaidAt: "2024-05-01T12:30:00+08:00", Items: []app.OrderItemInput{
			{SKU: "B01", Name: "全麦吐司", Quantity: 2, UnitPriceCents: cents(3900)}, {SKU: "C01", Name: "拿铁", Quantity: 1, UnitPriceCents: cents(5000)}}}
}

// refund is a refund numbered no of sale saleNo at SH001.
func refund(no, saleNo string, amount int64) app.OrderInput {
	return app.OrderInput{Source: app.OrderSourcePOS, Kind: app.OrderRefund, OrderNo: no, RefundOf: saleNo, StoreCode: "SH001",
		AmountCents: &amount, PaidAt: "2024-05-02T09:00:00Z"}
}

// count counts the rows of table.
func (f *fixture) count(t *testing.T, table string) int {
	var n int
	require.NoError(t, f.d.SQL().QueryRow("SELECT COUNT(*) FROM "+table).Scan(&n))
	return n
}

// fields lists an error's refused fields as "field: reason".
func fields(err error) []string {
	var out []string
	for _, f := range app.ErrorFields(err) {
		out = append(out, f.Field+": "+f.Reason)
	}
	return out
}

// rows reads every column of every row of table as text.
func rows(t *testing.T, d *db.DB, table string) [][]string {
	return testkit.QueryRows(t, d, "SELECT * FROM "+table)
}

func outcomes(res []app.OrderResult) []string {
	out := make([]string, len(res))
	for i, r := range res {
		out[i] = r.Outcome
	}
	return out
}

func numbered(n int, prefix string) []app.OrderInput {
	out := make([]app.OrderInput, n)
	for i := range out {
		out[i] = sale(fmt.Sprintf("%s%05d", prefix, i))
	}
	return out
}

func cents(n int64) *int64 { return &n }
