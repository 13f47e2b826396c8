package member_test

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

// membersCSV has two good members, a bad one (row 3: an 11-digit number
// that is no phone) and a blank line.
const membersCSV = "会员号,姓名,手机号,手机已验证,性别,生日,等级,积分,归属门店编码,注册渠道,标签,openid\n" +
	"M001,张三,138 0013 8000,是,女,1990/5/1,金卡,120,S01,小程序,烘焙爱好者、新客,o-1\n" +
	"M002,李四,23800138000,否,男,,银卡,,,,,\n" +
	"\n" +
	"M003,王五,13900139000,,,,,0,,,,\n"

// A file imports row by row: the bad row is named by row, column (as the
// file wrote it) and reason, the good rows are kept; importing it again
// changes nothing; the import is audited once with its counts.
func TestImport(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		rep, err := f.svc.Import(f.ctx, f.corp, "会员.csv", strings.NewReader(membersCSV))
		require.NoError(t, err)
		assert.Equal(t, &app.ImportReport{Kind: "members", Rows: 3, Created: 2, Rejected: 1,
			Errors: []app.ImportError{{Row: 3, Column: "手机号", Reason: "手机号格式不正确（应为 11 位中国大陆手机号）"}}}, rep)

		m, err := f.svc.Lookup(f.ctx, f.corp, "", app.KeyMemberNo, "M001")
		require.NoError(t, err)
		assert.Equal(t, "张三", m.Name)
		assert.Equal(t, 2, m.Gender)
		assert.Equal(t, "1990-05-01", m.Birthday)
		assert.Equal(t, "金卡", m.Tier)
		assert.Equal(t, int64(120), m.Points)
		assert.Equal(t, "小程序", m.RegChannel)
		assert.Equal(t, `["烘焙爱好者","新客"]`, m.Tags)
		assert.True(t, m.PhoneVerified)
		assert.Equal(t, "138****8000", m.PhoneMasked)
		require.NotNil(t, m.HomeStoreID)
		assert.Equal(t, map[string]string{app.KeyMemberNo: "M001", app.KeyOpenID: "o-1", app.KeyPhone: "138****8000"}, f.keys(t, m.ID))
		_, err = f.svc.Lookup(f.ctx, f.corp, "", app.KeyMemberNo, "M002")
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "the bad row wrote nothing")

		again, err := f.svc.Import(f.ctx, f.corp, "会员.csv", strings.NewReader(membersCSV))
		require.NoError(t, err)
		assert.Equal(t, 2, again.Unchanged, "a re-import changes nothing")
		assert.Zero(t, again.Created+again.Updated)
		assert.Equal(t, rep.Errors, again.Errors)

		es, err := f.core.Stores.Audit.ListAudit(f.ctx, app.AuditFilter{CorpID: f.corp, Action: "member.import"})
		require.NoError(t, err)
		require.Len(t, es, 2, "one entry per import")
		assert.JSONEq(t, `{"file":"会员.csv","rows":3,"created":0,"updated":0,"unchanged":2,"rejected":1,"merged":0,"reviews":0}`, es[0].Detail)
	})
}

// Every reason a row is refused for, each under its column; several bad
// cells of one row are reported together.
func TestImportRefusals(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		require.NoError(t, f.core.Org.CreateBrand(f.ctx, &app.Brand{CorpID: f.corp, Name: "独立品牌"}))
		long := strings.Repeat("长", 65)
		head := "会员号,姓名,手机号,手机已验证,性别,生日,等级,积分,归属门店编码,注册门店编码,注册渠道,标签,品牌,unionid,openid\n"
		tests := []struct {
			name, row string
			want      []app.ImportError
		}{
			{"Phone", "R1,,12345,,,,,,,,,,,,", []app.ImportError{{Column: "手机号", Reason: "手机号格式不正确（应为 11 位中国大陆手机号）"}}},
			{"Verified", "R2,,,也许,,,,,,,,,,,", []app.ImportError{{Column: "手机已验证", Reason: "手机已验证应为 是 或 否"}}},
			{"Gender", "R3,,,,不详,,,,,,,,,,", []app.ImportError{{Column: "性别", Reason: "性别应为 男、女 或留空"}}},
			{"Birthday", "R4,,,,,2999-01-01,,,,,,,,,", []app.ImportError{{Column: "生日", Reason: "生日应为 YYYY-MM-DD 格式的过去日期"}}},
			{"PointsText", "R5,,,,,,,十分,,,,,,,", []app.ImportError{{Column: "积分", Reason: "积分应为整数"}}},
			{"PointsNegative", "R6,,,,,,,-5,,,,,,,", []app.ImportError{{Column: "积分", Reason: "积分不能为负数"}}},
			{"HomeStore", "R7,,,,,,,,NOPE,,,,,,", []app.ImportError{{Column: "归属门店编码", Reason: "门店编码“NOPE”不存在"}}},
			{"RegStore", "R8,,,,,,,,,NOPE,,,,,", []app.ImportError{{Column: "注册门店编码", Reason: "门店编码“NOPE”不存在"}}},
			{"Brand", "R9,,,,,,,,,,,,无此品牌,,", []app.ImportError{{Column: "品牌", Reason: "品牌“无此品牌”不存在"}}},
			{"StoreOfAnotherBrand", "R10,,,,,,,,S01,,,,独立品牌,,", []app.ImportError{{Column: "品牌", Reason: "门店不属于该品牌"}}},
			{"LongName", "R11," + long + ",,,,,,,,,,,,,", []app.ImportError{{Column: "姓名", Reason: "不能超过 64 个字符"}}},
			{"LongTier", "R12,,,,,," + long + ",,,,,,,,", []app.ImportError{{Column: "等级", Reason: "不能超过 32 个字符"}}},
			{"LongChannel", "R13,,,,,,,,,," + long + ",,,,", []app.ImportError{{Column: "注册渠道", Reason: "不能超过 64 个字符"}}},
			{"LongTag", "R14,,,,,,,,,,," + long[:99] + ",,,", []app.ImportError{{Column: "标签", Reason: "标签“" + long[:99] + "”超过 32 个字符"}}},
			{"LongMemberNo", long + ",,,,,,,,,,,,,,", []app.ImportError{{Column: "会员号", Reason: "不能超过 64 个字符"}}},
			{"LongUnionID", "R16,,,,,,,,,,,,," + long + ",", []app.ImportError{{Column: "unionid", Reason: "不能超过 64 个字符"}}},
			{"LongOpenID", "R17,,,,,,,,,,,,,," + long, []app.ImportError{{Column: "openid", Reason: "不能超过 64 个字符"}}},
			{"NoKey", ",只有姓名,,,,,,,,,,,,,", []app.ImportError{{Column: "会员号", Reason: "至少需要会员号、unionid、openid、手机号或外部联系人之一"}}},
			{"EveryCellAtOnce", "R19,,12,也许,x,,,-1,,,,,,,", []app.ImportError{{Column: "手机已验证", Reason: "手机已验证应为 是 或 否"},
				{Column: "手机号", Reason: "手机号格式不正确（应为 11 位中国大陆手机号）"}, {Column: "性别", Reason: "性别应为 男、女 或留空"},
				{Column: "积分", Reason: "积分不能为负数"}}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rep, err := f.svc.Import(f.ctx, f.corp, "bad.csv", strings.NewReader(head+tt.row+"\n"))
				require.NoError(t, err)
				for i := range tt.want {
					tt.want[i].Row = 2
				}
				assert.Equal(t, tt.want, rep.Errors)
				assert.Equal(t, 1, rep.Rejected)
			})
		}
		t.Run("DuplicateMemberNo", func(t *testing.T) {
			rep, err := f.svc.Import(f.ctx, f.corp, "dup.csv", strings.NewReader("member_no,name\nD1,甲\nD1,乙\n"))
			require.NoError(t, err)
			assert.Equal(t, []app.ImportError{{Row: 3, Column: "member_no", Reason: "与第 2 行重复：同一会员号只能出现一次"}}, rep.Errors)
			assert.Equal(t, 1, rep.Created)
		})
		t.Run("NotAFile", func(t *testing.T) {
			_, err := f.svc.Import(f.ctx, f.corp, "empty.csv", strings.NewReader(""))
			assert.Equal(t, "文件是空的：第一行应为表头", app.ErrorMessage(err))
		})
	})
}

// An Excel file as Excel writes it: the phone a number, the birthday a
// date serial; and two member numbers sharing a unionid are left for
// review, counted in the audit entry.
func TestImportExcel(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		x := excelize.NewFile()
		for i, row := range [][]any{{"member_no", "name", "phone", "birthday", "unionid"},
			{"X1", "甲", 13800000001, time.Date(1990, 5, 1, 0, 0, 0, 0, time.UTC), "u-x"}, {"X2", "乙", nil, nil, "u-x"}} {
			cell, err := excelize.CoordinatesToCellName(1, i+1)
			require.NoError(t, err)
			require.NoError(t, x.SetSheetRow("Sheet1", cell, &row))
		}
		var b bytes.Buffer
		require.NoError(t, x.Write(&b))
		rep, err := f.svc.Import(f.ctx, f.corp, "会员.xlsx", &b)
		require.NoError(t, err)
		assert.Equal(t, 2, rep.Created, "%+v", rep.Errors)
		m, err := f.svc.Lookup(f.ctx, f.corp, "", app.KeyPhone, "13800000001")
		require.NoError(t, err)
		assert.Equal(t, "1990-05-01", m.Birthday, "a date cell holds its serial")
		reviews, _, err := f.svc.Reviews(f.ctx, f.corp, app.ReviewOpen, app.Page{})
		require.NoError(t, err)
		assert.Len(t, reviews, 1)
		es, err := f.core.Stores.Audit.ListAudit(f.ctx, app.AuditFilter{CorpID: f.corp, Action: "member.import"})
		require.NoError(t, err)
		require.Len(t, es, 1)
		assert.Contains(t, es[0].Detail, `"reviews":1`)
	})
}
