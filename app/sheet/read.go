// Package sheet reads the spreadsheets people import data from (CSV in
// UTF-8 or GBK, Excel xlsx), finds the columns a capability needs by
// their Chinese or English header, and runs a per-row import that keeps
// the good rows and reports each bad one by row, column and reason, in
// Chinese. Capabilities (org's stores and guides, orders, members) keep
// their own column lists and the code that writes one row.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/siyu-scrm/siyu/app"
)

// MaxRows bounds one file, so one upload cannot hold a request for
// minutes; larger files are imported in parts.
const MaxRows = 20000

// Read reads the rows of a CSV or Excel (xlsx) file: the first sheet of a
// workbook, cells as stored rather than as formatted (a coordinate shown
// with two decimals keeps all six). The format comes from the file name,
// or from the content when the name says nothing.
func Read(name string, r io.Reader) ([][]string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, "无法读取文件")
	}
	var rows [][]string
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case ext == ".xlsx" || (ext != ".csv" && bytes.HasPrefix(data, []byte("PK\x03\x04"))):
		rows, err = readXLSX(data)
	case ext == ".xls":
		return nil, app.Errorf(app.EINVALID, "不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV")
	default:
		rows, err = readCSV(data)
	}
	if err != nil {
		return nil, err
	}
	if len(rows) > MaxRows+1 {
		return nil, app.Errorf(app.EINVALID, "文件超过 %d 行，请分批导入", MaxRows)
	}
	return rows, nil
}

func readXLSX(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, "无法读取 Excel 文件，请确认是 .xlsx 格式")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, app.Errorf(app.EINVALID, "Excel 文件中没有工作表")
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, "无法读取 Excel 工作表 "+sheets[0])
	}
	return rows, nil
}

// readCSV reads UTF-8 (with or without the BOM Excel writes) or, when the
// bytes are not UTF-8, GB18030: what Excel on a Chinese Windows saves as
// "CSV" by default.
func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		decoded, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, app.Wrap(app.EINVALID, err, "文件编码无法识别，请保存为 UTF-8 或 GBK 编码的 CSV")
		}
		data = decoded
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1 // short rows are blanks at the end, not errors
	var rows [][]string
	end := 0 // the line the previous record ended on
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		rows, end = append(emptyLines(rows, cr, end), rec), recordEnd(cr, rec)
	}
}

// emptyLines keeps in rows, as blank rows, the empty lines encoding/csv
// skipped before its latest record, so rows stay numbered as a
// spreadsheet numbers them; empty lines before the header are dropped.
func emptyLines(rows [][]string, cr *csv.Reader, end int) [][]string {
	start, _ := cr.FieldPos(0)
	for n := start - end - 1; len(rows) > 0 && n > 0; n-- {
		rows = append(rows, nil)
	}
	return rows
}

// recordEnd is the line rec, just read, ends on: a quoted cell may hold
// line breaks.
func recordEnd(cr *csv.Reader, rec []string) int {
	last := len(rec) - 1
	line, _ := cr.FieldPos(last)
	return line + strings.Count(rec[last], "\n")
}

// csvError says in Chinese on which line and why a CSV file does not
// parse; encoding/csv says it in English, and by byte column, which is not
// the column a spreadsheet shows. The line is where the bad row starts: an
// unclosed quote is only noticed at the end of the file.
func csvError(err error) error {
	var pe *csv.ParseError
	reason := "无法解析"
	switch {
	case !errors.As(err, &pe):
		return app.Wrap(app.EINVALID, err, "CSV 格式错误")
	case errors.Is(pe.Err, csv.ErrBareQuote):
		reason = "未用引号括起的单元格中出现了引号（单元格内的 \" 应写作 \"\"，并用引号括起整个单元格）"
	case errors.Is(pe.Err, csv.ErrQuote):
		reason = "引号没有成对闭合"
	}
	return app.Wrap(app.EINVALID, err, fmt.Sprintf("CSV 格式错误：第 %d 行%s", pe.StartLine, reason))
}
