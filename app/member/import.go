package member

import (
	"context"
	"io"
	"slices"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/sheet"
)

// importRun is one file being imported: what its rows merged and left for
// review, for the audit entry.
type importRun struct {
	s               *Service
	merged, reviews int
}

// Import imports members from a CSV or Excel (xlsx) file. Each row is
// upserted on its own, exactly as Upsert would (so importing the same
// file again changes nothing, and merges and reviews happen as through
// the API); a bad row is reported by row, column and reason, and the good
// rows are kept. A blank cell keeps what the member holds. The import is
// audited once, with the file's counts.
func (s *Service) Import(ctx context.Context, corpID int64, name string, r io.Reader) (*app.ImportReport, error) {
	run := &importRun{s: s}
	rep, err := sheet.Import(ctx, sheet.Importer{Kind: "members", Columns: columns, Key: "member_no", Apply: run.row}, corpID, name, r)
	if err != nil {
		return nil, err
	}
	err = s.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: "member.import", TargetType: "import", TargetID: 0,
		Detail: map[string]any{"file": name, "rows": rep.Rows, "created": rep.Created, "updated": rep.Updated,
			"unchanged": rep.Unchanged, "rejected": rep.Rejected, "merged": run.merged, "reviews": run.reviews}})
	return rep, err
}

// row upserts one row in its own transaction; every cell it refuses is
// reported at once, those the file's format refuses beside those the
// member's rules do.
func (run *importRun) row(ctx context.Context, corpID int64, h *sheet.Header, cells []string) (string, error) {
	in, bad := readRow(h, cells)
	r, err := run.s.check(ctx, corpID, in)
	if err = joinFields(bad, err); err != nil {
		return "", err
	}
	var res *Result
	err = run.s.retry(ctx, func(ctx context.Context) (err error) {
		res, err = run.s.upsert(ctx, corpID, r)
		return err
	})
	if err != nil {
		return "", err
	}
	run.merged += len(res.Merged)
	run.reviews += len(res.Reviews)
	return outcomes[res.Outcome], nil
}

// outcomes are an upsert's outcomes as the import report counts them.
var outcomes = map[string]string{Created: sheet.Created, Updated: sheet.Updated, Unchanged: sheet.Unchanged}

// joinFields adds the fields err refuses to bad, each field once (a cell
// that did not read is not reported again as missing). An error that is
// not about fields is returned as it is: it is not the row's fault.
func joinFields(bad app.Fields, err error) error {
	if err != nil && len(app.ErrorFields(err)) == 0 {
		return err
	}
	for _, f := range app.ErrorFields(err) {
		if !slices.ContainsFunc(bad, func(b app.FieldError) bool { return b.Field == f.Field }) {
			bad = append(bad, f)
		}
	}
	return bad.Err()
}
