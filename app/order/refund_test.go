package order_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

func TestRefunds(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		s, err := f.svc.IngestOrder(f.ctx, f.corp, sale("S1")) // 128.00
		require.NoError(t, err)
		r1 := refund("R1", "S1", -3000)
		r1.Items = []app.OrderItemInput{{SKU: "C01", Quantity: 1, UnitPriceCents: cents(3000)}}

		t.Run("PartialRefunds", func(t *testing.T) {
			res, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{r1, refund("R2", "S1", -7000)})
			require.NoError(t, err)
			assert.Equal(t, []string{app.OrderCreated, app.OrderCreated}, outcomes(res))
			got, err := f.svc.FindOrder(f.ctx, f.corp, res[0].ID, f.admin)
			require.NoError(t, err)
			require.NotNil(t, got.Sale)
			assert.Equal(t, s.ID, got.Sale.ID, "a refund shows its sale")
			assert.Equal(t, s.ID, *got.RefundOfID)
			assert.Len(t, got.Items, 1, "what was returned")
			sl, err := f.svc.FindOrder(f.ctx, f.corp, s.ID, f.admin)
			require.NoError(t, err)
			assert.Len(t, sl.Refunds, 2, "a sale shows its refunds")
		})
		t.Run("ErrOverRefund", func(t *testing.T) {
			before := f.count(t, "orders")
			_, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{refund("R3", "S1", -2000), refund("R4", "S1", -1000)})
			assert.Equal(t, app.EINVALID, app.ErrorCode(err))
			assert.Equal(t, []string{"orders[1].amount_cents: 退款总额超过原订单金额：原订单 128.00 元，已退 120.00 元，本次退 10.00 元"}, fields(err),
				"28.00 was left: the first fits, the second does not")
			assert.Equal(t, before, f.count(t, "orders"))
			res, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{r1, refund("R3", "S1", -2800)})
			require.NoError(t, err, "a re-sent refund is not counted twice")
			assert.Equal(t, []string{app.OrderUnchanged, app.OrderCreated}, outcomes(res))
			_, err = f.svc.IngestOrder(f.ctx, f.corp, refund("R5", "S1", -1))
			assert.Equal(t, []string{"amount_cents: 退款总额超过原订单金额：原订单 128.00 元，已退 128.00 元，本次退 0.01 元"}, fields(err))
		})
		t.Run("ErrRefundWithoutSale", func(t *testing.T) {
			_, err := f.svc.IngestOrder(f.ctx, f.corp, refund("R9", "NOPE", -100))
			assert.Equal(t, []string{"refund_of: 原订单不存在"}, fields(err))
			other := refund("R9", "S1", -100)
			other.Source = app.OrderSourceMall
			_, err = f.svc.IngestOrder(f.ctx, f.corp, other)
			assert.Equal(t, []string{"refund_of: 原订单不存在"}, fields(err), "the sale is looked for in the refund's source")
			_, err = f.svc.IngestOrder(f.ctx, f.corp, refund("R9", "", 100))
			assert.Equal(t, []string{"amount_cents: 退款金额应为负数（如 -1990 表示退款 19.90 元）", "refund_of: 退款须填写原订单号"}, fields(err))
			withRef := sale("S9")
			withRef.RefundOf = "S1"
			_, err = f.svc.IngestOrder(f.ctx, f.corp, withRef)
			assert.Equal(t, []string{"refund_of: 销售订单不能填写原订单号"}, fields(err))
		})
		t.Run("SaleAndRefundInOneBatch", func(t *testing.T) {
			res, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{refund("R20", "S20", -12800), sale("S20")})
			require.NoError(t, err, "the refund comes first, its sale later in the batch")
			got, err := f.svc.FindOrder(f.ctx, f.corp, res[0].ID, f.admin)
			require.NoError(t, err)
			assert.Equal(t, res[1].ID, *got.RefundOfID)
			_, err = f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{sale("S21"), refund("R21", "S21", -12801)})
			assert.Equal(t, []string{"orders[1].amount_cents: 退款总额超过原订单金额：原订单 128.00 元，已退 0.00 元，本次退 128.01 元"}, fields(err))
		})
	})
}
