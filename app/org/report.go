package org

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// WriteReportCSV writes the rejected rows of rep as CSV (行号, 列, 原因),
// after a BOM so Excel opens the Chinese as UTF-8, with a last line that
// sums the import up.
func WriteReportCSV(w io.Writer, rep *app.ImportReport) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"行号", "列", "原因"})
	for _, e := range rep.Errors {
		_ = cw.Write([]string{strconv.Itoa(e.Row), e.Column, e.Reason})
	}
	_ = cw.Write([]string{"", "", Summary(rep)})
	cw.Flush()
	return cw.Error()
}

// Summary says in one line what an import did.
func Summary(rep *app.ImportReport) string {
	return "共 " + strconv.Itoa(rep.Rows) + " 行：新增 " + strconv.Itoa(rep.Created) + "，更新 " + strconv.Itoa(rep.Updated) +
		"，未变 " + strconv.Itoa(rep.Unchanged) + "，拒绝 " + strconv.Itoa(rep.Rejected)
}
