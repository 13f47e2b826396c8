package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// StartBehaviorPull records that the corp's pull of day (the corp's day
// it runs on) began, unless it already had, and reports whether it
// already finished.
func (s *BehaviorStore) StartBehaviorPull(ctx context.Context, corpID int64, day string) (bool, error) {
	p := app.BehaviorPull{CorpID: corpID, Day: day, StartedAt: time.Now().UTC()}
	err := s.db.with(ctx).Table("behavior_pulls").Clauses(clause.OnConflict{DoNothing: true}).Create(&p).Error
	if err != nil {
		return false, domainError(err, "联系客户统计拉取")
	}
	return s.BehaviorPullFinished(ctx, corpID, day)
}

// BehaviorPullFinished reports whether the corp's pull of day finished.
func (s *BehaviorStore) BehaviorPullFinished(ctx context.Context, corpID int64, day string) (bool, error) {
	var n int64
	err := s.db.with(ctx).Table("behavior_pulls").Where("corp_id = ? AND day = ? AND finished_at IS NOT NULL", corpID, day).Count(&n).Error
	return n > 0, domainError(err, "联系客户统计拉取")
}

// FinishBehaviorPull marks the corp's pull of p.Day finished with its
// counts.
func (s *BehaviorStore) FinishBehaviorPull(ctx context.Context, p app.BehaviorPull) error {
	err := s.db.with(ctx).Table("behavior_pulls").Where("corp_id = ? AND day = ?", p.CorpID, p.Day).
		Updates(map[string]any{"finished_at": time.Now().UTC(), "guides": p.Guides, "calls": p.Calls, "skipped": p.Skipped}).Error
	return domainError(err, "联系客户统计拉取")
}

// FindBehaviorPull returns the corp's pull of day.
func (s *BehaviorStore) FindBehaviorPull(ctx context.Context, corpID int64, day string) (*app.BehaviorPull, error) {
	var p app.BehaviorPull
	err := s.db.with(ctx).Table("behavior_pulls").Where("corp_id = ? AND day = ?", corpID, day).Take(&p).Error
	p.Day = dayOnly(p.Day)
	return &p, domainError(err, "联系客户统计拉取")
}
