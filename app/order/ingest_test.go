package order_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

func TestIngest(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		online := sale("T1")
		online.Source, online.StoreCode, online.Phone, online.MemberNo = app.OrderSourceTmall, "BJ01", "138 0013 8000", ""
		res, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{sale("P1"), online})
		require.NoError(t, err)
		assert.Equal(t, []string{app.OrderCreated, app.OrderCreated}, outcomes(res))

		got, err := f.svc.FindOrder(f.ctx, f.corp, res[0].ID, f.admin)
		require.NoError(t, err)
		assert.Equal(t, time.Date(2024, 5, 1, 4, 30, 0, 0, time.UTC), got.PaidAt.UTC(), "stored in UTC")
		assert.Equal(t, f.sh, *got.StoreID)
		assert.Equal(t, int64(0), got.Scope, "a sharing brand's store is the shared pool")
		assert.Equal(t, []int64{3900, 5000}, []int64{got.Items[0].UnitPriceCents, got.Items[1].UnitPriceCents})
		assert.Equal(t, []int{1, 2}, []int{got.Items[0].Line, got.Items[1].Line})
		assert.Len(t, got.ContentHash, 64)
		tm, err := f.svc.FindOrder(f.ctx, f.corp, res[1].ID, f.admin)
		require.NoError(t, err)
		assert.Equal(t, f.apart, tm.Scope, "a brand keeping its customers apart is its own scope")
		assert.Len(t, tm.PhoneIndex, 64)

		t.Run("ResendIsUnchanged", func(t *testing.T) {
			again := sale("P1")
			again.PaidAt = "2024-05-01T04:30:00Z" // the same instant, written in UTC
			again.GuideCode = " g01 "
			res2, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{again, online})
			require.NoError(t, err)
			assert.Equal(t, []string{app.OrderUnchanged, app.OrderUnchanged}, outcomes(res2))
			assert.Equal(t, res[0].ID, res2[0].ID)
			assert.Equal(t, 2, f.count(t, "orders"))
			assert.Equal(t, 4, f.count(t, "order_items"))
		})
		t.Run("ErrConflictChangesNothing", func(t *testing.T) {
			changed := sale("P1")
			changed.AmountCents = cents(9900)
			before := rows(t, d, "orders")
			_, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{sale("P2"), changed})
			require.Error(t, err)
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
			assert.Equal(t, []string{"orders[1].order_no: 销售订单 P1 已存在且内容不同：已记录的订单不会被覆盖"}, fields(err))
			assert.Equal(t, before, rows(t, d, "orders"), "not even the good order of the batch is written")

			lines := sale("P1")
			lines.Items[1].Quantity = 2
			_, err = f.svc.IngestOrder(f.ctx, f.corp, lines)
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "a changed line is other content")
			assert.Equal(t, before, rows(t, d, "orders"))
		})
		t.Run("SameNumberInAnotherSourceIsAnotherOrder", func(t *testing.T) {
			mall := sale("P1")
			mall.Source = app.OrderSourceMall
			r, err := f.svc.IngestOrder(f.ctx, f.corp, mall)
			require.NoError(t, err)
			assert.Equal(t, app.OrderCreated, r.Outcome)
		})
		t.Run("RepeatsInOneBatch", func(t *testing.T) {
			res, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{sale("D1"), sale("D1")})
			require.NoError(t, err)
			assert.Equal(t, []string{app.OrderCreated, app.OrderUnchanged}, outcomes(res))
			assert.Equal(t, res[0].ID, res[1].ID)
			other := sale("D2")
			other.AmountCents = cents(1)
			_, err = f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{sale("D2"), other})
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
			assert.Equal(t, []string{"orders[1].order_no: 与第 1 条订单的订单号相同而内容不同"}, fields(err))
		})
		t.Run("ErrNegativeSale", func(t *testing.T) {
			neg := sale("N1")
			neg.AmountCents = cents(-100)
			_, err := f.svc.IngestOrder(f.ctx, f.corp, neg)
			assert.Equal(t, []string{"amount_cents: 金额不能为负数：退款请作为 refund 类型的订单发送"}, fields(err))
		})
	})
}

// A batch with bad orders is refused whole, naming every problem of
// every order at once.
func TestIngestEveryFieldAtOnce(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		blank := app.OrderInput{}
		bad := sale("B2")
		bad.Source, bad.StoreCode, bad.Phone, bad.PaidAt = "taobao", "NOPE", "12345", "2024-05-01 12:30"
		bad.Items[1].UnitPriceCents, bad.Items[1].SKU, bad.Items[1].Name = cents(-1), "", ""
		bad.Items[0].Quantity = 0
		future := sale("B3")
		future.PaidAt = time.Now().Add(time.Hour).Format(time.RFC3339)
		future.OrderNo = "B\t3"
		future.Kind = "exchange"
		future.Items[0].UnitPriceCents = nil
		_, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{sale("OK1"), blank, bad, future})
		require.Error(t, err)
		assert.Equal(t, app.EINVALID, app.ErrorCode(err))
		assert.Equal(t, []string{
			"orders[1].source: 来源应为 pos（门店收银）、mall（小程序商城）、tmall（天猫）、jd（京东）、douyin（抖音）、wecom_pay（企业微信对外收款）、other（其他）",
			"orders[1].order_no: 订单号不能为空",
			"orders[1].amount_cents: 金额不能为空",
			"orders[1].paid_at: 支付时间不能为空",
			"orders[2].source: 来源应为 pos（门店收银）、mall（小程序商城）、tmall（天猫）、jd（京东）、douyin（抖音）、wecom_pay（企业微信对外收款）、other（其他）",
			"orders[2].phone: 手机号应为 11 位中国大陆手机号",
			"orders[2].paid_at: 支付时间应为 RFC 3339 格式，如 2024-05-01T12:30:00+08:00",
			"orders[2].items[0].quantity: 数量应为正整数",
			"orders[2].items[1].sku: 商品编码和商品名称不能都为空",
			"orders[2].items[1].unit_price_cents: 单价不能为负数",
			"orders[2].store_code: 门店 NOPE 不存在",
			"orders[3].kind: 类型应为 sale（销售）或 refund（退款）",
			"orders[3].order_no: 订单号不能包含换行、制表符等控制字符",
			"orders[3].paid_at: 支付时间不能晚于当前时间",
			"orders[3].items[0].unit_price_cents: 单价不能为空（赠品请填 0）",
		}, fields(err))
		assert.True(t, strings.HasPrefix(app.ErrorMessage(err), "第 2 条订单：来源应为"), app.ErrorMessage(err))
		assert.Zero(t, f.count(t, "orders"), "the good order is not written either")

		_, err = f.svc.IngestOrders(f.ctx, f.corp, nil)
		assert.Equal(t, []string{"orders: 订单列表不能为空"}, fields(err))
		_, err = f.svc.IngestOrders(f.ctx, f.corp, numbered(1001, "X"))
		assert.Equal(t, []string{"orders: 一批最多 1000 条订单，本批 1001 条，请分批发送"}, fields(err))
	})
}
