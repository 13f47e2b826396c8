package org_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// storesCSV has a Chinese header with a note, an unknown column, good
// rows, a blank line and rows bad in distinct ways.
const storesCSV = "门店编码（必填）,门店名称,类型,品牌,城市,地址,纬度,经度,营业时间,备注\n" +
	"SH001,人民广场店,门店,面包工坊,上海,南京东路1号,31.230416,121.473701,09:00-21:00,旗舰\n" +
	"ONLINE,线上团队,线上,,,,,,,\n" +
	",,,,,,,,,\n" +
	"SH002,,门店,不存在的品牌,上海,,91,121.1,9点,\n" +
	"SH001,重复行,,,,,,,,\n" +
	"上海3,静安店,仓库,,,,31.1,,,\n"

func TestImportStoresCSV(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := app.WithActor(context.Background(), "user:9")
		require.NoError(t, f.svc.CreateBrand(ctx, &app.Brand{CorpID: f.a, Name: "面包工坊", SharesCustomers: true}))

		rep, err := f.svc.ImportStores(ctx, f.a, "stores.csv", strings.NewReader(storesCSV))
		require.NoError(t, err)
		assert.Equal(t, 5, rep.Rows, "the blank line is not a row")
		assert.Equal(t, []int{2, 0, 0, 3}, []int{rep.Created, rep.Updated, rep.Unchanged, rep.Rejected})
		assert.Equal(t, []app.ImportError{
			{Row: 5, Column: "品牌", Reason: "品牌“不存在的品牌”不存在，请先创建"},
			{Row: 5, Column: "门店名称", Reason: "门店名称不能为空"},
			{Row: 5, Column: "纬度", Reason: "纬度应在 -90 到 90 度之间"},
			{Row: 5, Column: "营业时间", Reason: "营业时间应写作 09:00-21:00，多段用逗号分隔"},
			{Row: 6, Column: "门店编码（必填）", Reason: "与第 2 行重复：同一门店编码只能出现一次"},
			{Row: 7, Column: "门店编码（必填）", Reason: "门店编码应为1-32位字母、数字、下划线、点或短横线，且以字母或数字开头"},
			{Row: 7, Column: "类型", Reason: "门店类型应为门店（store）或线上团队（online）"},
			{Row: 7, Column: "经度", Reason: "经纬度应同时填写或同时留空"},
		}, rep.Errors)

		sh, err := db.NewOrgStore(d).FindStoreByCode(ctx, f.a, "SH001")
		require.NoError(t, err)
		assert.Equal(t, int64(31230416), *sh.Latitude)
		assert.NotNil(t, sh.BrandID)
		on, err := db.NewOrgStore(d).FindStoreByCode(ctx, f.a, "ONLINE")
		require.NoError(t, err)
		assert.Equal(t, app.StoreKindOnline, on.Kind)

		t.Run("ReimportIsIdempotent", func(t *testing.T) {
			again, err := f.svc.ImportStores(ctx, f.a, "stores.csv", strings.NewReader(storesCSV))
			require.NoError(t, err)
			assert.Equal(t, []int{0, 0, 2, 3}, []int{again.Created, again.Updated, again.Unchanged, again.Rejected})
			assert.Equal(t, rep.Errors, again.Errors)
			assert.Equal(t, []string{"store.create by user:9"}, f.actions(t, f.a, "store", itoa(sh.ID)), "nothing rewritten")
		})
		t.Run("MissingColumnKeepsField", func(t *testing.T) {
			rep, err := f.svc.ImportStores(ctx, f.a, "names.csv", strings.NewReader("code,name\nSH001,人民广场旗舰店\n"))
			require.NoError(t, err)
			assert.Equal(t, 1, rep.Updated)
			got, err := db.NewOrgStore(d).FindStoreByCode(ctx, f.a, "SH001")
			require.NoError(t, err)
			assert.Equal(t, "人民广场旗舰店", got.Name)
			assert.Equal(t, "上海", got.City, "no city column: city kept")
			assert.Equal(t, int64(31230416), *got.Latitude)
		})
		t.Run("OtherCorpUntouched", func(t *testing.T) {
			list, _, err := f.svc.ListStores(ctx, f.b, app.Page{})
			require.NoError(t, err)
			assert.Empty(t, list)
		})
		t.Run("BadHeader", func(t *testing.T) {
			_, err := f.svc.ImportStores(ctx, f.a, "x.csv", strings.NewReader("名称,城市\nA,上海\n"))
			assert.Equal(t, app.EINVALID, app.ErrorCode(err))
			assert.Contains(t, app.ErrorMessage(err), "门店编码（code）")
			_, err = f.svc.ImportStores(ctx, f.a, "x.csv", strings.NewReader("code,门店编码,name\n"))
			assert.Contains(t, app.ErrorMessage(err), "重复")
			_, err = f.svc.ImportStores(ctx, f.a, "x.xls", strings.NewReader("whatever"))
			assert.Contains(t, app.ErrorMessage(err), ".xlsx")
			_, err = f.svc.ImportStores(ctx, f.a, "x.csv", strings.NewReader("code,name\nA,12\"寸\n"))
			assert.Equal(t, app.EINVALID, app.ErrorCode(err))
			assert.Contains(t, app.ErrorMessage(err), "CSV 格式错误：第 2 行未用引号括起的单元格中出现了引号")
			_, err = f.svc.ImportStores(ctx, f.a, "x.csv", strings.NewReader("code,name\nA,\"人民广场店\nB,x\n"))
			assert.Equal(t, "CSV 格式错误：第 2 行引号没有成对闭合", app.ErrorMessage(err))
		})
	})
}

func TestImportGuidesXLSXAndGBK(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		gbk, err := simplifiedchinese.GBK.NewEncoder().String("code,name,status\nBJ01,国贸店,营业\nBJ02,三里屯店,闭店\n")
		require.NoError(t, err)
		rep, err := f.svc.ImportStores(ctx, f.a, "stores.csv", strings.NewReader(gbk))
		require.NoError(t, err)
		require.Equal(t, 2, rep.Created, "%+v", rep)
		closed, err := db.NewOrgStore(d).FindStoreByCode(ctx, f.a, "BJ02")
		require.NoError(t, err)
		assert.Equal(t, "三里屯店", closed.Name, "GBK decoded")
		assert.Equal(t, app.StoreClosed, closed.Status)

		file := xlsx(t, [][]any{
			{"成员账号", "门店编码", "角色", "在职状态"},
			{"zhangsan", "BJ01", "店长", ""},
			{"lisi", 1001, "导购", "在职"},
			{"wangwu", "BJ02", "", ""},
			{"zhaoliu", "BJ01", "老板", "休假"},
			{"bad user", "BJ01", "", ""},
		})
		rep, err = f.svc.ImportGuides(ctx, f.a, "guides.xlsx", bytes.NewReader(file))
		require.NoError(t, err)
		assert.Equal(t, []int{5, 1, 4}, []int{rep.Rows, rep.Created, rep.Rejected})
		assert.Equal(t, []app.ImportError{
			{Row: 3, Column: "门店编码", Reason: "门店 1001 不存在"},
			{Row: 4, Column: "门店编码", Reason: "门店 BJ02 已关闭，不能绑定在职导购"},
			{Row: 5, Column: "角色", Reason: "角色应为导购（guide）或店长（store_manager）"},
			{Row: 5, Column: "在职状态", Reason: "状态应为在职（active）或离职（left）"},
			{Row: 6, Column: "成员账号", Reason: "成员账号应为1-64位字母、数字或 _ - . @"},
		}, rep.Errors)

		moved := xlsx(t, [][]any{{"userid", "store_code", "role"}, {"zhangsan", "BJ01", ""}, {"zhangsan", "BJ01", "guide"}})
		rep, err = f.svc.ImportGuides(ctx, f.a, "", bytes.NewReader(moved))
		require.NoError(t, err, "xlsx recognised by its content")
		assert.Equal(t, []int{1, 1}, []int{rep.Unchanged, rep.Rejected}, "blank role keeps store_manager; the duplicate is refused")
		g, err := db.NewOrgStore(d).FindGuideByUserID(ctx, f.a, "zhangsan")
		require.NoError(t, err)
		assert.Equal(t, app.GuideRoleManager, g.Role)

		var csvOut bytes.Buffer
		require.NoError(t, rep.WriteCSV(&csvOut))
		assert.Equal(t, "\ufeff行号,列,原因\n3,userid,与第 2 行重复：同一成员账号只能出现一次\n,,共 2 行：新增 0，更新 0，未变 1，拒绝 1\n", csvOut.String())
	})
}

// xlsx builds a workbook whose first sheet holds rows.
func xlsx(t *testing.T, rows [][]any) []byte {
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &row))
	}
	var b bytes.Buffer
	require.NoError(t, f.Write(&b))
	return b.Bytes()
}
