package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// GuideOpenTasks lists a guide's open tasks due before dueBefore or
// undated: overdue and soonest due first, undated last (the panel's
// today).
func (s *RemindStore) GuideOpenTasks(ctx context.Context, corpID int64, userID string, dueBefore time.Time) ([]app.GuideTask, error) {
	var out []app.GuideTask
	err := s.openTasks(ctx, corpID).Where("userid = ? AND (due_at IS NULL OR due_at < ?)", userID, dueBefore.UTC()).
		Order("CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id").Limit(app.MaxPageSize).Find(&out).Error
	return out, domainError(err, "待办")
}

// ChatOpenTasks lists the open tasks about one customer group, soonest
// due first.
func (s *RemindStore) ChatOpenTasks(ctx context.Context, corpID int64, chatID string) ([]app.GuideTask, error) {
	var out []app.GuideTask
	err := s.openTasks(ctx, corpID).Where("chat_id = ?", chatID).
		Order("CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id").Limit(app.MaxPageSize).Find(&out).Error
	return out, domainError(err, "待办")
}

// CustomerOpenTasks lists the open tasks about one customer, soonest due
// first.
func (s *RemindStore) CustomerOpenTasks(ctx context.Context, corpID int64, externalUserID string) ([]app.GuideTask, error) {
	var out []app.GuideTask
	err := s.openTasks(ctx, corpID).Where("external_userid = ? AND chat_id = ''", externalUserID).
		Order("CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id").Limit(app.MaxPageSize).Find(&out).Error
	return out, domainError(err, "待办")
}

// FindGuideTask returns task id of corpID, whatever its status.
func (s *RemindStore) FindGuideTask(ctx context.Context, corpID, id int64) (*app.GuideTask, error) {
	var t app.GuideTask
	err := s.db.with(ctx).Table("guide_tasks").Where("corp_id = ? AND id = ?", corpID, id).Take(&t).Error
	return &t, domainError(err, "待办")
}

func (s *RemindStore) openTasks(ctx context.Context, corpID int64) *gorm.DB {
	return s.db.with(ctx).Table("guide_tasks").Where("corp_id = ? AND status = ?", corpID, app.TaskOpen)
}
