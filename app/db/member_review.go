package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// ListReviews returns a page of the corp's possible matches with status
// (all when ""), oldest first, and the cursor of the next page (0: last).
func (s *MemberStore) ListReviews(ctx context.Context, corpID int64, status string, p app.Page) ([]app.MemberReview, int64, error) {
	q := s.db.with(ctx).Table("member_reviews").Where("corp_id = ?", corpID)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	var rows []app.MemberReview
	err := page(q, p, defaultOrgPage).Find(&rows).Error
	rows, next := cut(rows, p, defaultOrgPage, func(r app.MemberReview) int64 { return r.ID })
	return rows, next, domainError(err, "待审核匹配")
}

// LockReview reads review id for update, so that two operators deciding
// it at once decide it once.
func (s *MemberStore) LockReview(ctx context.Context, corpID, id int64) (*app.MemberReview, error) {
	var r app.MemberReview
	err := s.db.with(ctx).Table("member_reviews").Clauses(clause.Locking{Strength: "UPDATE"}).
		Where("corp_id = ? AND id = ?", corpID, id).Take(&r).Error
	return &r, domainError(err, "待审核匹配")
}

// DecideReview closes review id with status, by whom and when.
func (s *MemberStore) DecideReview(ctx context.Context, corpID, id int64, status, by string, at time.Time) error {
	err := s.db.with(ctx).Table("member_reviews").Where("corp_id = ? AND id = ?", corpID, id).
		Updates(map[string]any{"status": status, "decided_by": by, "decided_at": at, "updated_at": at}).Error
	return domainError(err, "待审核匹配")
}

// CreateMerge records merge m.
func (s *MemberStore) CreateMerge(ctx context.Context, m *app.MemberMerge) error {
	return domainError(s.db.with(ctx).Table("member_merges").Create(m).Error, "合并记录")
}

// LockMerge reads merge id for update.
func (s *MemberStore) LockMerge(ctx context.Context, corpID, id int64) (*app.MemberMerge, error) {
	var m app.MemberMerge
	err := s.db.with(ctx).Table("member_merges").Clauses(clause.Locking{Strength: "UPDATE"}).
		Where("corp_id = ? AND id = ?", corpID, id).Take(&m).Error
	return &m, domainError(err, "合并记录")
}

// UndoMerge marks merge id undone.
func (s *MemberStore) UndoMerge(ctx context.Context, corpID, id int64, by string, at time.Time) error {
	err := s.db.with(ctx).Table("member_merges").Where("corp_id = ? AND id = ?", corpID, id).
		Updates(map[string]any{"undone_at": at, "undone_by": by}).Error
	return domainError(err, "合并记录")
}

// MergesOf lists the merges member id took part in, newest first.
func (s *MemberStore) MergesOf(ctx context.Context, corpID, memberID int64) ([]app.MemberMerge, error) {
	var rows []app.MemberMerge
	err := s.db.with(ctx).Table("member_merges").Where("corp_id = ? AND (survivor_id = ? OR merged_id = ?)", corpID, memberID, memberID).
		Order("id DESC").Find(&rows).Error
	return rows, domainError(err, "合并记录")
}
