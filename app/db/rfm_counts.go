package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// RFMCounts counts the scope's members (not merged into another) by the
// class and stage last computed for them.
func (s *RFMStore) RFMCounts(ctx context.Context, corpID, scope int64) (*app.RFMCounts, error) {
	var rows []struct {
		Class, Stage string
		N            int64
		At           anyTime
	}
	err := s.db.with(ctx).Table("member_rfm AS r").Joins("JOIN members m ON m.id = r.member_id AND m.corp_id = r.corp_id").
		Where("r.corp_id = ? AND r.scope = ? AND m.status = ?", corpID, scope, app.MemberActive).
		Select("r.class AS class, r.stage AS stage, COUNT(*) AS n, MAX(r.computed_at) AS at").Group("r.class, r.stage").Scan(&rows).Error
	out := &app.RFMCounts{Classes: map[string]int64{}, Stages: map[string]int64{}}
	for _, r := range rows {
		if r.Class != "" {
			out.Classes[r.Class] += r.N
		}
		out.Stages[r.Stage] += r.N
		out.Members += r.N
		if r.At.t != nil && (out.ComputedAt == nil || r.At.t.After(*out.ComputedAt)) {
			out.ComputedAt = r.At.t
		}
	}
	return out, domainError(err, "RFM")
}
