package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// pointsEntry is a row of member_points: one credit, once per key.
type pointsEntry struct {
	ID        int64
	CorpID    int64
	MemberID  int64
	Points    int64
	EntryKey  string
	Reason    string
	CreatedAt time.Time
}

// CreditPoints records c's credit to member memberID and adds its points
// to the member, unless a credit of its key is recorded already (false):
// a credit retried never adds twice. Call it in a transaction.
func (s *MemberStore) CreditPoints(ctx context.Context, c app.PointsCredit, memberID int64) (bool, error) {
	e := pointsEntry{CorpID: c.CorpID, MemberID: memberID, Points: c.Points, EntryKey: c.Key, Reason: c.Reason, CreatedAt: time.Now().UTC()}
	err := s.db.quiet(ctx).Table("member_points").Create(&e).Error
	if duplicateKey(err) {
		return false, nil
	}
	if err != nil {
		return false, domainError(err, "积分记录")
	}
	err = s.db.with(ctx).Table("members").Where("corp_id = ? AND id = ?", c.CorpID, memberID).
		Updates(map[string]any{"points": gorm.Expr("points + ?", c.Points), "updated_at": e.CreatedAt}).Error
	return true, domainError(err, "会员")
}
