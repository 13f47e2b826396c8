package member

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// MaxBatch bounds one batch upsert.
const MaxBatch = 1000

// UpsertBatch upserts up to MaxBatch members, all or nothing: every row is
// checked first and any refused field refuses the batch, naming each as
// "[row].field"; then all rows are applied in one transaction, in order
// (a later row with an earlier row's member number updates it).
func (s *Service) UpsertBatch(ctx context.Context, corpID int64, ins []Input) ([]Result, error) {
	if len(ins) == 0 || len(ins) > MaxBatch {
		return nil, app.Errorf(app.EINVALID, "每批应有 1 到 %d 条会员", MaxBatch)
	}
	recs := make([]*record, len(ins))
	var all app.Fields
	for i, in := range ins {
		r, err := s.check(ctx, corpID, in)
		if fields := app.ErrorFields(err); len(fields) > 0 {
			for _, f := range fields {
				all.Add(fmt.Sprintf("[%d].%s", i, f.Field), fmt.Sprintf("第 %d 条：%s", i+1, f.Reason))
			}
			continue
		} else if err != nil {
			return nil, err
		}
		recs[i] = r
	}
	if err := all.Err(); err != nil {
		return nil, err
	}
	out := make([]Result, len(recs))
	err := s.retry(ctx, func(ctx context.Context) error {
		for i, r := range recs {
			res, err := s.upsert(ctx, corpID, r)
			if err != nil {
				return err
			}
			out[i] = *res
		}
		return nil
	})
	return out, err
}
