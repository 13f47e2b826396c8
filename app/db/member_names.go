package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// MembersByID reads the corp's members of ids at once, merged ones as
// they are, for lists that name the members of their rows (orders); an
// unknown id has no entry.
func (s *MemberStore) MembersByID(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Member, error) {
	out := make(map[int64]app.Member, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []app.Member
	err := s.db.with(ctx).Table("members").Where("corp_id = ? AND id IN ?", corpID, ids).Find(&rows).Error
	for _, m := range rows {
		out[m.ID] = m
	}
	return out, domainError(err, "会员")
}
