package sheet_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/sheet"
)

var cols = []sheet.Column{
	{Field: "code", Names: []string{"code", "编码"}, Required: true},
	{Field: "name", Names: []string{"name", "名称"}},
}

func TestRead(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("编码,名称\nA,国贸店\n")
	require.NoError(t, err)
	tests := []struct {
		name, file, data string
		want             [][]string
		err              string
	}{
		{name: "UTF8WithBOM", file: "a.csv", data: "\ufeff编码,名称\nA,人民广场店\n", want: [][]string{{"编码", "名称"}, {"A", "人民广场店"}}},
		{name: "GBK", file: "a.csv", data: gbk, want: [][]string{{"编码", "名称"}, {"A", "国贸店"}}},
		{name: "ShortRowsAreFine", file: "a.csv", data: "code,name\nA\n", want: [][]string{{"code", "name"}, {"A"}}},
		{name: "EmptyLinesKeepTheNumbering", file: "a.csv", data: "\ncode,name\n\nA,\"two\nlines\"\n\n\nB,x\n", want: [][]string{{"code", "name"}, nil, {"A", "two\nlines"}, nil, nil, {"B", "x"}}},
		{name: "OldExcel", file: "a.xls", data: "x", err: "不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV"},
		{name: "BareQuote", file: "a.csv", data: "code,name\nA,12\"寸\n", err: "CSV 格式错误：第 2 行未用引号括起的单元格中出现了引号（单元格内的 \" 应写作 \"\"，并用引号括起整个单元格）"},
		{name: "OpenQuote", file: "a.csv", data: "code,name\nA,\"x\nB,y\n", err: "CSV 格式错误：第 2 行引号没有成对闭合"},
		{name: "TooManyRows", file: "a.csv", data: "code\n" + strings.Repeat("A\n", sheet.MaxRows+1), err: "文件超过 20000 行，请分批导入"},
		{name: "NotAWorkbook", file: "a.xlsx", data: "PK\x03\x04junk", err: "无法读取 Excel 文件，请确认是 .xlsx 格式"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := sheet.Read(tt.file, strings.NewReader(tt.data))
			if tt.err != "" {
				assert.Equal(t, app.EINVALID, app.ErrorCode(err))
				assert.Equal(t, tt.err, app.ErrorMessage(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, rows)
		})
	}
	t.Run("XLSXByContentWithRawCells", func(t *testing.T) {
		rows, err := sheet.Read("upload", bytes.NewReader(xlsx(t, [][]any{{"编码", "纬度"}, {"A", 31.230416}})))
		require.NoError(t, err)
		assert.Equal(t, [][]string{{"编码", "纬度"}, {"A", "31.230416"}}, rows)
	})
}

func TestParseHeader(t *testing.T) {
	h, err := sheet.ParseHeader([]string{"\ufeff备注", " 编码（必填） ", "Name"}, cols)
	require.NoError(t, err)
	row := []string{"x", " A1 ", "人民广场店"}
	assert.Equal(t, "A1", h.Cell(row, "code"))
	assert.Equal(t, "人民广场店", h.Cell(row, "name"))
	assert.Equal(t, "编码（必填）", h.Label("code"), "the header as written")
	assert.True(t, h.Has("name"))
	assert.Equal(t, "", h.Cell([]string{"x"}, "code"), "a short row has blanks")

	_, err = sheet.ParseHeader([]string{"名称"}, cols)
	assert.Equal(t, "表头缺少必填列：编码（code）", app.ErrorMessage(err))
	_, err = sheet.ParseHeader([]string{"code", "编码"}, cols)
	assert.Equal(t, "表头第 2 列“编码”与第 1 列重复", app.ErrorMessage(err))
	assert.Equal(t, "编码", cols[0].Title())
	assert.Equal(t, "x", sheet.Column{Field: "x", Names: []string{"x"}}.Title(), "no Chinese name: the field")
}

func TestImport(t *testing.T) {
	im := sheet.Importer{Kind: "things", Columns: cols, Key: "code",
		Apply: func(_ context.Context, corpID int64, h *sheet.Header, row []string) (string, error) {
			switch name := h.Cell(row, "name"); name {
			case "":
				return "", app.FieldInvalid("name", "名称不能为空")
			case "坏":
				return "", app.Errorf(app.ECONFLICT, "已被占用")
			case "宕机":
				return "", app.Wrap(app.EINTERNAL, errors.New("db down"), "")
			case "旧":
				return sheet.Unchanged, nil
			}
			return sheet.Created, nil
		}}
	file := "编码,名称\nA,新\nB,\n,,\nA,新\nC,坏\nD,旧\n"
	rep, err := sheet.Import(context.Background(), im, 1, "t.csv", strings.NewReader(file))
	require.NoError(t, err)
	assert.Equal(t, &app.ImportReport{Kind: "things", Rows: 5, Created: 1, Unchanged: 1, Rejected: 3, Errors: []app.ImportError{
		{Row: 3, Column: "名称", Reason: "名称不能为空"},
		{Row: 5, Column: "编码", Reason: "与第 2 行重复：同一编码只能出现一次"},
		{Row: 6, Reason: "已被占用"},
	}}, rep)

	_, err = sheet.Import(context.Background(), im, 1, "t.csv", strings.NewReader("code,name\nA,宕机\n"))
	assert.Equal(t, app.EINTERNAL, app.ErrorCode(err), "an outage stops the import")
	_, err = sheet.Import(context.Background(), im, 1, "t.csv", strings.NewReader(""))
	assert.Equal(t, "文件是空的：第一行应为表头", app.ErrorMessage(err))
}

func TestOpen(t *testing.T) {
	tb, err := sheet.Open("t.csv", strings.NewReader("code,name\n\nA,x\n , \nB\n"), cols)
	require.NoError(t, err)
	require.Len(t, tb.Rows, 2, "blank rows left out")
	assert.Equal(t, []int{3, 5}, []int{tb.Rows[0].N, tb.Rows[1].N}, "numbered as the spreadsheet shows them")
	assert.Equal(t, "B", tb.Cell(tb.Rows[1], "code"))
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
