package org

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Outcomes of importing one good row.
const (
	outcomeCreated   = "created"
	outcomeUpdated   = "updated"
	outcomeUnchanged = "unchanged"
)

// importer is what differs between importing stores and guides: the
// columns, the field naming a row (its natural key, which may appear once
// in a file), and how one row is turned into a write; apply returns the
// row's outcome.
type importer struct {
	kind    string
	cols    []column
	keyName string
	apply   func(ctx context.Context, corpID int64, h *header, row []string) (string, error)
}

// run imports the file: every row on its own, each good one written in its
// own transaction (so it is kept whatever later rows do), a bad one
// reported with its row, column and reason. Only a failure that is not the
// file's fault, a database outage, stops it, with the error.
func (s *Service) run(ctx context.Context, im importer, corpID int64, name string, r io.Reader) (*app.ImportReport, error) {
	rows, err := readTable(name, r)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, app.Errorf(app.EINVALID, "文件是空的：第一行应为表头")
	}
	h, err := parseHeader(rows[0], im.cols)
	if err != nil {
		return nil, err
	}
	rep := &app.ImportReport{Kind: im.kind, Errors: []app.ImportError{}}
	seen := map[string]int{}
	for i, row := range rows[1:] {
		if blank(row) {
			continue
		}
		rep.Rows++
		if err := s.importRow(ctx, im, corpID, h, row, i+2, seen, rep); err != nil {
			return nil, fmt.Errorf("import %s row %d: %w", im.kind, i+2, err)
		}
	}
	return rep, nil
}

// importRow imports row n into rep, or returns an error that must stop
// the import.
func (s *Service) importRow(ctx context.Context, im importer, corpID int64, h *header, row []string, n int, seen map[string]int, rep *app.ImportReport) error {
	key := h.cell(row, im.keyName)
	if first, dup := seen[key]; dup && key != "" {
		rep.Rejected++
		rep.Errors = append(rep.Errors, app.ImportError{Row: n, Column: h.column(im.keyName),
			Reason: fmt.Sprintf("与第 %d 行重复：同一%s只能出现一次", first, im.keyTitle())})
		return nil
	}
	seen[key] = n
	outcome, err := im.apply(ctx, corpID, h, row)
	switch app.ErrorCode(err) {
	case "":
		rep.Created += b2i(outcome == outcomeCreated)
		rep.Updated += b2i(outcome == outcomeUpdated)
		rep.Unchanged += b2i(outcome == outcomeUnchanged)
		return nil
	case app.EINTERNAL, app.EUNAVAILABLE:
		return err
	}
	rep.Rejected++
	rep.Errors = append(rep.Errors, rowErrors(h, n, err)...)
	return nil
}

// rowErrors turns a row's error into report lines: one per refused field,
// or one for the row when the reason is not a field's.
func rowErrors(h *header, n int, err error) []app.ImportError {
	fields := app.ErrorFields(err)
	if len(fields) == 0 {
		return []app.ImportError{{Row: n, Reason: app.ErrorMessage(err)}}
	}
	out := make([]app.ImportError, len(fields))
	for i, f := range fields {
		out[i] = app.ImportError{Row: n, Column: h.column(f.Field), Reason: f.Reason}
	}
	return out
}

// keyTitle names the natural key in messages.
func (im importer) keyTitle() string {
	for _, c := range im.cols {
		if c.field == im.keyName {
			return c.title()
		}
	}
	return im.keyName
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
