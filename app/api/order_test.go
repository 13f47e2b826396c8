package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// orderJSON is a sale at store code store numbered no, with one line.
func orderJSON(no, store string) string {
	return `{"source":"pos","order_no":"` + no + `","store_code":"` + store + `","phone":"13800138000","amount_cents":12800,` +
		`"paid_at":"2024-05-01T12:30:00+08:00","items":[{"sku":"B01","name":"全麦吐司","quantity":2,"unit_price_cents":6400}]}`
}

func TestOrderAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga, sam := c.login(t, "wwa", "olga"), c.login(t, "wwa", "sam")
		base := "/api/v1/corps/wwa"
		for _, st := range []string{`{"code":"SH001","name":"人民广场店"}`, `{"code":"BJ01","name":"国贸店"}`} {
			require.Equal(t, http.StatusCreated, send(c.h, "POST", base+"/stores", st, olga...).Code)
		}
		w := send(c.h, "POST", base+"/guides", `{"userid":"sam","store_code":"SH001","role":"store_manager"}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())

		batch := `{"orders":[` + orderJSON("P1", "SH001") + `,` + orderJSON("P2", "BJ01") + `]}`
		w = send(c.h, "POST", base+"/orders/batch", batch, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		res := decode[struct {
			Created, Unchanged int
			Results            []struct {
				Index   int
				ID      int64
				Outcome string
			}
		}](t, w)
		assert.Equal(t, []int{2, 0}, []int{res.Created, res.Unchanged})
		p1 := itoa(res.Results[0].ID)

		t.Run("ResendIsUnchanged", func(t *testing.T) {
			w := send(c.h, "POST", base+"/orders/batch", batch, olga...)
			require.Equal(t, http.StatusOK, w.Code)
			assert.JSONEq(t, `{"created":0,"unchanged":2,"results":[{"index":0,"id":`+p1+`,"outcome":"unchanged"},{"index":1,"id":`+
				itoa(res.Results[1].ID)+`,"outcome":"unchanged"}]}`, w.Body.String())
		})
		t.Run("ErrConflict", func(t *testing.T) {
			changed := strings.Replace(orderJSON("P1", "SH001"), "12800", "9900", 1)
			w := send(c.h, "POST", base+"/orders/batch", `{"orders":[`+orderJSON("P3", "SH001")+`,`+changed+`]}`, olga...)
			assert.Equal(t, http.StatusConflict, w.Code)
			assert.Equal(t, []app.FieldError{{Field: "orders[1].order_no", Reason: "销售订单 P1 已存在且内容不同：已记录的订单不会被覆盖"}}, decodeError(t, w).Fields)
			var page []map[string]any
			listOf(t, send(c.h, "GET", base+"/orders", "", olga...), &page)
			assert.Len(t, page, 2, "P3 was not written")
			assert.Equal(t, float64(12800), page[0]["amount_cents"], "P1 kept its content")
			assert.Equal(t, http.StatusConflict, send(c.h, "POST", base+"/orders", changed, olga...).Code)
		})
		t.Run("ErrInvalidNamesEveryOrder", func(t *testing.T) {
			bad := `{"orders":[` + orderJSON("P4", "SH001") + `,{"source":"pos","order_no":"P5","amount_cents":-1,"paid_at":"2024-05-01"},` +
				`{"source":"pos","kind":"refund","order_no":"R1","refund_of":"NOPE","amount_cents":-100,"paid_at":"2024-05-01T00:00:00Z"}]}`
			w := send(c.h, "POST", base+"/orders/batch", bad, olga...)
			assert.Equal(t, http.StatusBadRequest, w.Code)
			assert.Equal(t, []app.FieldError{
				{Field: "orders[1].amount_cents", Reason: "金额不能为负数：退款请作为 refund 类型的订单发送"},
				{Field: "orders[1].paid_at", Reason: "支付时间应为 RFC 3339 格式，如 2024-05-01T12:30:00+08:00"},
				{Field: "orders[2].refund_of", Reason: "原订单不存在"},
			}, decodeError(t, w).Fields)
			w = send(c.h, "POST", base+"/orders/batch", `{"orders":[{"source":"pos","order_no":"X","amount":1}]}`, olga...)
			assert.Equal(t, http.StatusBadRequest, w.Code)
			assert.Contains(t, decodeError(t, w).Message, "未知字段")
		})
		t.Run("OneOrder", func(t *testing.T) {
			w := send(c.h, "POST", base+"/orders", orderJSON("P6", "SH001"), olga...)
			require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
			o := decode[map[string]any](t, w)
			assert.Equal(t, "created", o["outcome"])
			assert.Equal(t, true, o["has_phone"])
			assert.NotContains(t, w.Body.String(), "13800138000", "the phone is never answered")
			w = send(c.h, "POST", base+"/orders", orderJSON("P6", "SH001"), olga...)
			assert.Equal(t, http.StatusOK, w.Code)
			assert.Equal(t, "unchanged", decode[map[string]any](t, w)["outcome"])

			refund := `{"source":"pos","kind":"refund","order_no":"R6","refund_of":"P6","store_code":"SH001","amount_cents":-6400,"paid_at":"2024-05-02T00:00:00Z"}`
			require.Equal(t, http.StatusCreated, send(c.h, "POST", base+"/orders", refund, olga...).Code)
			sale := decode[map[string]any](t, send(c.h, "GET", base+"/orders/"+itoa(int64(o["id"].(float64))), "", olga...))
			require.Len(t, sale["refunds"], 1)
			assert.Len(t, sale["items"], 1)
		})
		t.Run("ListFilters", func(t *testing.T) {
			var page []map[string]any
			listOf(t, send(c.h, "GET", base+"/orders?kind=refund", "", olga...), &page)
			assert.Len(t, page, 1)
			listOf(t, send(c.h, "GET", base+"/orders?paid_from=2024-05-01T12:00:00%2B08:00&paid_before=2024-05-01T13:00:00%2B08:00&source=pos", "", olga...), &page)
			assert.Len(t, page, 3)
			vip := strings.Replace(strings.Replace(orderJSON("M1", "BJ01"), `"pos"`, `"mall"`, 1), `"store_code"`, `"member_no":"VIP01","store_code"`, 1)
			require.Equal(t, http.StatusCreated, send(c.h, "POST", base+"/orders", vip, olga...).Code)
			listOf(t, send(c.h, "GET", base+"/orders?member_no=VIP01", "", olga...), &page)
			require.Len(t, page, 1, "the member number the order carries")
			assert.Equal(t, "M1", page[0]["order_no"])
			w := send(c.h, "GET", base+"/orders?paid_from=yesterday&store_id=x", "", olga...)
			assert.Equal(t, http.StatusBadRequest, w.Code)
			assert.Len(t, decodeError(t, w).Fields, 2)
		})
		t.Run("Roles", func(t *testing.T) {
			assert.Equal(t, http.StatusForbidden, send(c.h, "POST", base+"/orders/batch", batch, sam...).Code, "store managers read orders only")
			var page []map[string]any
			listOf(t, send(c.h, "GET", base+"/orders", "", sam...), &page)
			for _, o := range page {
				assert.NotEqual(t, "P2", o["order_no"], "another store's order")
			}
			assert.Len(t, page, 3)
			assert.Equal(t, http.StatusNotFound, send(c.h, "GET", base+"/orders/"+itoa(res.Results[1].ID), "", sam...).Code)
			bob := c.login(t, "wwb", "bob")
			assert.Equal(t, http.StatusForbidden, send(c.h, "GET", base+"/orders", "", bob...).Code)
		})
		t.Run("Import", func(t *testing.T) {
			file := "来源,订单号,门店编码,金额,支付时间,商品名称,数量,单价\n门店,I1,SH001,10,2024-05-01 10:00,吐司,1,10\n门店,I2,SH001,-1,2024-05-01 10:00,吐司,1,10\n"
			w := upload(c.h, base+"/orders/import", "orders.csv", file, olga...)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			rep := decode[app.ImportReport](t, w)
			assert.Equal(t, []int{1, 1}, []int{rep.Created, rep.Rejected})
			assert.Equal(t, []app.ImportError{{Row: 3, Column: "金额", Reason: "金额不能为负数：退款请作为 refund 类型的订单发送"}}, rep.Errors)
			rep = decode[app.ImportReport](t, upload(c.h, base+"/orders/import", "orders.csv", file, olga...))
			assert.Equal(t, []int{0, 1, 1}, []int{rep.Created, rep.Unchanged, rep.Rejected}, "a re-import changes nothing")
			assert.Equal(t, http.StatusForbidden, upload(c.h, base+"/orders/import", "orders.csv", file, sam...).Code)
		})
	})
}
