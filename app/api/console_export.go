package api

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/siyu-scrm/siyu/app"
)

// Auditor records changes and exports in the audit trail (app/audit)
// and reads it back.
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
	List(ctx context.Context, f app.AuditFilter) ([]*app.AuditEntry, error)
	Facets(ctx context.Context, f app.AuditFilter) (app.AuditFacets, error)
}

// maxExportRows bounds one export; a larger list is narrowed by filters.
const maxExportRows = 100_000

// table is what an export writes: a header and its rows, read a batch at
// a time by each.
type table struct {
	name   string // file name without extension, Chinese
	header []string
	each   func(emit func(row []string) error) error
}

// export writes t as CSV (UTF-8 with a BOM, so Excel reads the Chinese)
// or, with ?format=xlsx, as an Excel workbook, after recording who
// exported what under which filter.
func (s *server) export(c *gin.Context, kind string, t table) {
	p := caller(c)
	err := s.d.Audit.Record(c.Request.Context(), app.AuditChange{CorpID: p.CorpID, Action: "export." + kind, TargetType: "export",
		TargetID: 0, Detail: map[string]any{"filter": c.Request.URL.RawQuery, "format": c.DefaultQuery("format", "csv")}})
	if err != nil {
		s.consoleError(c, err)
		return
	}
	file := t.name + "-" + time.Now().Format("20060102-1504")
	if c.Query("format") == "xlsx" {
		s.exportXLSX(c, file, t)
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(file+".csv"))
	_, _ = c.Writer.WriteString("\ufeff")
	w := csv.NewWriter(c.Writer)
	_ = w.Write(t.header)
	n := 0
	err = t.each(func(row []string) error {
		if n++; n > maxExportRows {
			return errTooMany
		}
		return w.Write(csvSafe(row))
	})
	w.Flush()
	if err != nil {
		_, _ = c.Writer.WriteString("\n" + exportCut(err))
	}
}

var errTooMany = fmt.Errorf("超过 %d 行，请缩小筛选范围后分批导出", maxExportRows)

func exportCut(err error) string {
	if err == errTooMany {
		return "（导出中止：" + err.Error() + "）"
	}
	return "（导出中止：读取出错，请重试）"
}

func (s *server) exportXLSX(c *gin.Context, file string, t table) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		s.consoleError(c, err)
		return
	}
	row := 1
	put := func(cells []string) error {
		vals := make([]any, len(cells))
		for i, v := range cells {
			vals[i] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, vals)
	}
	_ = put(t.header)
	err = t.each(func(cells []string) error {
		if row > maxExportRows+1 {
			return errTooMany
		}
		return put(cells)
	})
	if err != nil {
		_ = put([]string{exportCut(err)})
	}
	if err := sw.Flush(); err != nil {
		s.consoleError(c, err)
		return
	}
	c.Header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Header("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(file+".xlsx"))
	_ = f.Write(c.Writer)
}

// csvSafe keeps a cell a customer or guide typed (a nickname, a remark)
// from running as a formula when the CSV is opened in Excel: a leading
// =, +, - or @ is quoted with an apostrophe, as Excel shows text; a
// plain number (a negative count) stays a number.
func csvSafe(row []string) []string {
	for i, v := range row {
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			continue
		}
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			row[i] = "'" + v
		}
	}
	return row
}
