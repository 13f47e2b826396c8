package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// SampleSegment returns up to limit of the customers cond selects, by
// external_userid. The customers the plan samples are the corp's first
// by external_userid, so when limit of them are selected they are the
// first limit of all, found in milliseconds; only a rarer rule is planned.
func (s *SegmentStore) SampleSegment(ctx context.Context, corpID int64, cond app.SegmentCond, now time.Time, limit int) ([]string, error) {
	var out []string
	err := s.probing(ctx, func(ctx context.Context) error {
		all := app.SegmentCond{Op: "and", Kids: []app.SegmentCond{cond, standing}}
		where, args := segmentWhere(all, corpID, now, "c.external_userid")
		err := s.db.with(ctx).Raw("SELECT c.external_userid FROM "+sampled+" WHERE "+where+" ORDER BY c.external_userid LIMIT ?",
			append(append([]any{corpID, sampleSize}, args...), limit)...).Scan(&out).Error
		if err != nil || len(out) == limit {
			return err
		}
		p, err := s.plan(ctx, corpID, cond, now)
		if err == nil {
			out, err = s.first(ctx, p, limit)
		}
		return err
	})
	return out, domainError(err, "人群")
}

// first returns the first limit customers p selects, by external_userid.
// A lead's rows may name a customer more than once, so rows are read a
// page of four times limit at a time, past the last customer kept.
func (s *SegmentStore) first(ctx context.Context, p plan, limit int) ([]string, error) {
	body, args := p.body(s.mysql())
	q := "SELECT c.external_userid FROM " + body + " AND c.external_userid > ? ORDER BY c.external_userid LIMIT ?"
	var out []string
	for after := ""; len(out) < limit; {
		var page []string
		if err := s.db.with(ctx).Raw(q, append(args[:len(args):len(args)], after, 4*limit)...).Scan(&page).Error; err != nil {
			return nil, err
		}
		for _, id := range page {
			if len(out) == 0 || out[len(out)-1] != id {
				out = append(out, id)
			}
		}
		if len(page) < 4*limit {
			break
		}
		after = page[len(page)-1]
	}
	return out[:min(limit, len(out))], nil
}
