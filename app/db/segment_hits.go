package db

import (
	"context"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// sampleSize is how many customers a plan's estimates are taken from.
const sampleSize = 1000

// sampled is the customers a plan's estimates are taken from (alias c):
// the corp's first sampleSize by external_userid (bound after the corp).
const sampled = "(SELECT * FROM customers WHERE corp_id = ? ORDER BY external_userid LIMIT ?) c"

// hits counts how many of the corp's first sampleSize customers, by
// external_userid, meet each of conds, and how many were sampled: the
// plan's estimate of how selective each condition is, from a thousand
// lookups a condition. WeCom's ids are opaque, so their first customers
// are as good a sample as any; a poor one costs time, never a wrong count.
func (s *SegmentStore) hits(ctx context.Context, corpID int64, conds []app.SegmentCond, now time.Time) ([]int64, int64, error) {
	cols, args := []string{"COUNT(*)"}, []any{}
	for _, c := range conds {
		sql, a := segmentWhere(c, corpID, now, "c.external_userid")
		cols, args = append(cols, "COALESCE(SUM(CASE WHEN "+sql+" THEN 1 ELSE 0 END), 0)"), append(args, a...)
	}
	q := "SELECT " + strings.Join(cols, ", ") + " FROM " + sampled
	out := make([]int64, len(cols))
	ptrs := make([]any, len(cols))
	for i := range out {
		ptrs[i] = &out[i]
	}
	if err := s.db.with(ctx).Raw(q, append(args, corpID, sampleSize)...).Row().Scan(ptrs...); err != nil {
		return nil, 0, err
	}
	return out[1:], out[0], nil
}
