package sheet

import (
	"context"
	"fmt"
	"io"

	"github.com/siyu-scrm/siyu/app"
)

// Outcomes of importing one good row (or one good record of several rows).
const (
	Created   = "created"
	Updated   = "updated"
	Unchanged = "unchanged"
)

// Importer is what differs between one per-row import and another: the
// report's Kind, the Columns, the field naming a row (Key, its natural
// key, which may appear once in a file), and Apply, which turns one row
// into a write and returns its outcome (Created, Updated or Unchanged).
// Apply returns an EINVALID error (app.Fields, for the cells refused) for
// a bad row; EINTERNAL or EUNAVAILABLE stop the import.
type Importer struct {
	Kind    string
	Columns []Column
	Key     string
	Apply   func(ctx context.Context, corpID int64, h *Header, row []string) (string, error)
}

// Import imports the file: every row on its own, each good one written by
// Apply (in its own transaction, so it is kept whatever later rows do), a
// bad one reported with its row, column and reason. Only a failure that
// is not the file's fault, a database outage, stops it, with the error.
func Import(ctx context.Context, im Importer, corpID int64, name string, r io.Reader) (*app.ImportReport, error) {
	t, err := Open(name, r, im.Columns)
	if err != nil {
		return nil, err
	}
	rep := &app.ImportReport{Kind: im.Kind, Errors: []app.ImportError{}}
	seen := map[string]int{}
	for _, row := range t.Rows {
		rep.Rows++
		if err := importRow(ctx, im, corpID, t.Header, row, seen, rep); err != nil {
			return nil, fmt.Errorf("import %s row %d: %w", im.Kind, row.N, err)
		}
	}
	return rep, nil
}

// importRow imports row into rep, or returns an error that must stop the
// import.
func importRow(ctx context.Context, im Importer, corpID int64, h *Header, row Row, seen map[string]int, rep *app.ImportReport) error {
	key := h.Cell(row.Cells, im.Key)
	if first, dup := seen[key]; dup && key != "" {
		rep.Rejected++
		rep.Errors = append(rep.Errors, app.ImportError{Row: row.N, Column: h.Label(im.Key),
			Reason: fmt.Sprintf("与第 %d 行重复：同一%s只能出现一次", first, im.keyTitle())})
		return nil
	}
	seen[key] = row.N
	outcome, err := im.Apply(ctx, corpID, h, row.Cells)
	if Fatal(err) {
		return err
	}
	if err != nil {
		rep.Rejected++
		rep.Errors = append(rep.Errors, RowErrors(h, row.N, err)...)
		return nil
	}
	Tally(rep, outcome, 1)
	return nil
}

// Fatal reports whether err stops an import: a failure that is not the
// file's fault (the database is down), rather than a row's.
func Fatal(err error) bool {
	c := app.ErrorCode(err)
	return c == app.EINTERNAL || c == app.EUNAVAILABLE
}

// Tally counts n rows of outcome in rep.
func Tally(rep *app.ImportReport, outcome string, n int) {
	switch outcome {
	case Created:
		rep.Created += n
	case Updated:
		rep.Updated += n
	case Unchanged:
		rep.Unchanged += n
	}
}

// keyTitle names the natural key in messages.
func (im Importer) keyTitle() string {
	for _, c := range im.Columns {
		if c.Field == im.Key {
			return c.Title()
		}
	}
	return im.Key
}
