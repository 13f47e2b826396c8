package app

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// ImportReport says what the import of one file did. Rows are numbered as
// a spreadsheet shows them: the header is row 1, so a user can go straight
// to the cell named. Good rows are kept even when others are rejected.
type ImportReport struct {
	Kind      string        `json:"kind"` // "stores", "guides", "members" or "orders"
	Rows      int           `json:"rows"` // data rows read (blank rows skipped)
	Created   int           `json:"created"`
	Updated   int           `json:"updated"`
	Unchanged int           `json:"unchanged"` // already as the file says
	Rejected  int           `json:"rejected"`
	Errors    []ImportError `json:"errors"`
}

// ImportError is one reason a row was rejected; Column is the header as
// written in the file, empty when the reason is the row as a whole.
type ImportError struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

// WriteCSV writes the rejected rows as CSV (行号, 列, 原因), after a BOM so
// Excel opens the Chinese as UTF-8, with a last line summing the import up.
func (r *ImportReport) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"行号", "列", "原因"})
	for _, e := range r.Errors {
		_ = cw.Write([]string{strconv.Itoa(e.Row), e.Column, e.Reason})
	}
	_ = cw.Write([]string{"", "", r.Summary()})
	cw.Flush()
	return cw.Error()
}

// Summary says in one line what the import did.
func (r *ImportReport) Summary() string {
	return fmt.Sprintf("共 %d 行：新增 %d，更新 %d，未变 %d，拒绝 %d", r.Rows, r.Created, r.Updated, r.Unchanged, r.Rejected)
}
