package sheet

import (
	"io"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Row is one data row of a file, numbered as a spreadsheet shows it: the
// header is row 1, so a report sends the user straight to the cell.
type Row struct {
	N     int
	Cells []string
}

// Table is a file's header, read for a column list, and its data rows,
// blank rows left out.
type Table struct {
	Header *Header
	Rows   []Row
}

// Open reads the file name (see Read) and its header row for cols. An
// empty file, or a header ParseHeader refuses, refuses the file.
func Open(name string, r io.Reader, cols []Column) (*Table, error) {
	rows, err := Read(name, r)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, app.Errorf(app.EINVALID, "文件是空的：第一行应为表头")
	}
	h, err := ParseHeader(rows[0], cols)
	if err != nil {
		return nil, err
	}
	t := &Table{Header: h}
	for i, cells := range rows[1:] {
		if !Blank(cells) {
			t.Rows = append(t.Rows, Row{N: i + 2, Cells: cells})
		}
	}
	return t, nil
}

// Cell is the trimmed value of field in r.
func (t *Table) Cell(r Row, field string) string { return t.Header.Cell(r.Cells, field) }

// Blank reports whether every cell of row is empty or spaces: a line a
// spreadsheet keeps at the end, not a row to import.
func Blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// RowErrors turns a row's error into report lines: one per refused field
// (under the field's header), or one for the row when the reason is not a
// field's.
func RowErrors(h *Header, n int, err error) []app.ImportError {
	fields := app.ErrorFields(err)
	if len(fields) == 0 {
		return []app.ImportError{{Row: n, Reason: app.ErrorMessage(err)}}
	}
	out := make([]app.ImportError, len(fields))
	for i, f := range fields {
		out[i] = app.ImportError{Row: n, Column: h.Label(f.Field), Reason: f.Reason}
	}
	return out
}
