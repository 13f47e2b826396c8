package order_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// ordersCSV has a Chinese header with a note and an unknown column, two
// orders of two lines, a refund of one of them, and three orders each
// bad in its own way.
const ordersCSV = "来源,订单号,类型,原订单号,门店编码（必填）,会员号,手机号,金额,支付时间,商品编码,商品名称,数量,单价,备注\n" +
	"门店,S100,销售,,SH001,M1,138 0013 8000,128.00,2024-05-01 12:30:00,B01,全麦吐司,2,39.00,\n" +
	"门店,S100,,,,,,,,C01,拿铁,1,50,第二行只写商品\n" +
	"pos,S101,销售,,SH001,,,20.5,2024/5/1 13:00,B01,全麦吐司,1,20.50,\n" +
	"门店,S102,销售,,SH001,,,99,2024-05-01 14:00,B01,全麦吐司,0,99,\n" +
	"门店,S102,销售,,SH001,,,99,2024-05-01 14:00,C01,赠品,1,0,\n" +
	"门店,S103,销售,,NOPE,,12345,abc,明天,,,,,\n" +
	"门店,R100,退款,S100,SH001,,,-50,2024-05-02T10:00:00+08:00,C01,拿铁,1,50,\n" +
	"门店,S104,销售,,SH001,,,10,2024-05-01 15:00,B01,吐司,1,10,\n" +
	"门店,S104,销售,,BJ01,,,10.00,2024-05-01 15:00,B02,吐司,1,10,\n"

func TestImportOrders(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		rep, err := f.svc.ImportOrders(f.ctx, f.corp, "orders.csv", strings.NewReader(ordersCSV))
		require.NoError(t, err)
		assert.Equal(t, []int{9, 4, 0, 0, 5}, []int{rep.Rows, rep.Created, rep.Updated, rep.Unchanged, rep.Rejected})
		assert.Equal(t, []app.ImportError{
			{Row: 5, Column: "数量", Reason: "数量应为正整数"},
			{Row: 6, Reason: "同一订单的其他行有误，整单未导入"},
			{Row: 7, Column: "金额", Reason: "金额应为以元为单位的数字，如 128.50"},
			{Row: 7, Column: "支付时间", Reason: "支付时间应写作 2024-05-01 12:30:00（企业所在时区），或带时区的 2024-05-01T12:30:00+08:00"},
			{Row: 7, Column: "手机号", Reason: "手机号应为 11 位中国大陆手机号"},
			{Row: 7, Column: "门店编码（必填）", Reason: "门店 NOPE 不存在"},
			{Row: 9, Reason: "同一订单的其他行有误，整单未导入"},
			{Row: 10, Column: "门店编码（必填）", Reason: "与第 9 行不一致：同一订单各行的“门店编码（必填）”应相同"},
		}, rep.Errors)

		list, _, err := f.svc.ListOrders(f.ctx, f.corp, f.admin, app.OrderFilter{})
		require.NoError(t, err)
		require.Len(t, list, 3, "nothing of a refused order is written")
		s100, err := f.svc.FindOrder(f.ctx, f.corp, list[0].ID, f.admin)
		require.NoError(t, err)
		assert.Equal(t, "S100", s100.OrderNo)
		assert.Equal(t, int64(12800), s100.AmountCents, "yuan read as exact cents")
		assert.Equal(t, time.Date(2024, 5, 1, 4, 30, 0, 0, time.UTC), s100.PaidAt.UTC(), "a time without zone is the corp's (Asia/Shanghai)")
		require.Len(t, s100.Items, 2)
		assert.Equal(t, []int64{3900, 5000}, []int64{s100.Items[0].UnitPriceCents, s100.Items[1].UnitPriceCents})
		require.Len(t, s100.Refunds, 1, "the refund found its sale in the same file")
		assert.Equal(t, int64(-5000), s100.Refunds[0].AmountCents)
		assert.Len(t, s100.PhoneIndex, 64)

		t.Run("ReimportChangesNothing", func(t *testing.T) {
			before := rows(t, d, "orders")
			again, err := f.svc.ImportOrders(f.ctx, f.corp, "orders.csv", strings.NewReader(ordersCSV))
			require.NoError(t, err)
			assert.Equal(t, []int{0, 0, 4, 5}, []int{again.Created, again.Updated, again.Unchanged, again.Rejected})
			assert.Equal(t, rep.Errors, again.Errors)
			assert.Equal(t, before, rows(t, d, "orders"))
		})
		t.Run("ConflictRefusesTheOrder", func(t *testing.T) {
			file := "来源,订单号,金额,支付时间,门店编码\n门店,S101,21,2024-05-01 13:00,SH001\n门店,S105,1,2024-05-01 13:00,SH001\n"
			rep, err := f.svc.ImportOrders(f.ctx, f.corp, "c.csv", strings.NewReader(file))
			require.NoError(t, err)
			assert.Equal(t, []int{1, 1}, []int{rep.Created, rep.Rejected})
			assert.Equal(t, []app.ImportError{{Row: 2, Column: "订单号", Reason: "销售订单 S101 已存在且内容不同：已记录的订单不会被覆盖"}}, rep.Errors)
		})
		t.Run("OneAuditRecordPerImport", func(t *testing.T) {
			entries, err := f.core.Audit.List(f.ctx, app.AuditFilter{CorpID: f.corp, Action: "order.import"})
			require.NoError(t, err)
			require.Len(t, entries, 3)
			assert.Contains(t, entries[2].Detail, `"created":3`)
			assert.Contains(t, entries[2].Detail, `"rejected":3`)
			assert.Equal(t, "user:1", entries[2].Actor)
		})
		t.Run("BadFile", func(t *testing.T) {
			_, err := f.svc.ImportOrders(f.ctx, f.corp, "x.csv", strings.NewReader("订单号,金额\nA,1\n"))
			assert.Equal(t, "表头缺少必填列：来源（source）、支付时间（paid_at）", app.ErrorMessage(err))
		})
	})
}

// An Excel file's numbers and dates arrive as Excel stores them: a
// float amount, a date as a serial number of days in the corp's zone.
func TestImportOrdersXLSX(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		x := excelize.NewFile()
		defer x.Close()
		for i, row := range [][]any{
			{"source", "order_no", "amount", "paid_at", "sku", "quantity", "unit_price"},
			{"tmall", "TM1", 19.9, 45413.5, "B01", 1, 19.9},
		} {
			cell, err := excelize.CoordinatesToCellName(1, i+1)
			require.NoError(t, err)
			require.NoError(t, x.SetSheetRow("Sheet1", cell, &row))
		}
		var b bytes.Buffer
		require.NoError(t, x.Write(&b))
		rep, err := f.svc.ImportOrders(f.ctx, f.corp, "orders.xlsx", &b)
		require.NoError(t, err)
		require.Equal(t, 1, rep.Created, "%+v", rep.Errors)
		list, _, err := f.svc.ListOrders(f.ctx, f.corp, f.admin, app.OrderFilter{Source: app.OrderSourceTmall})
		require.NoError(t, err)
		require.Len(t, list, 1)
		assert.Equal(t, int64(1990), list[0].AmountCents)
		assert.Equal(t, time.Date(2024, 5, 1, 4, 0, 0, 0, time.UTC), list[0].PaidAt.UTC(), "serial 45413.5 is 2024-05-01 12:00 in Shanghai")
	})
}
