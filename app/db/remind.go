package db

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// RemindStore keeps reminder batches and the tasks each lists; app/remind
// is its only writer. It reads guide_tasks (app/todo's) to find tasks no
// batch lists yet.
type RemindStore struct{ db *DB }

// NewRemindStore returns a RemindStore on db.
func NewRemindStore(db *DB) *RemindStore { return &RemindStore{db: db} }

const defaultReminderPage = 50

// errBatchTaken rolls a claim back when another sweeper holds its key or
// one of its tasks.
var errBatchTaken = errors.New("reminder batch taken")

// reminderItem is a task listed in a batch.
type reminderItem struct {
	CorpID  int64
	TaskID  int64
	BatchID int64
}

// UnremindedTasks lists the corp's open tasks of kinds that are due
// before dueBefore (or undated) and that no batch lists, by guide and
// then in creation order, at most limit.
func (s *RemindStore) UnremindedTasks(ctx context.Context, corpID int64, kinds []string, dueBefore time.Time, limit int) ([]app.GuideTask, error) {
	var out []app.GuideTask
	err := s.unreminded(ctx, corpID, kinds, dueBefore).Select("t.*").Order("t.userid, t.id").Limit(limit).Find(&out).Error
	return out, domainError(err, "待办")
}

// CountUnreminded counts what UnremindedTasks would list without a limit.
func (s *RemindStore) CountUnreminded(ctx context.Context, corpID int64, kinds []string, dueBefore time.Time) (int64, error) {
	var n int64
	err := s.unreminded(ctx, corpID, kinds, dueBefore).Count(&n).Error
	return n, domainError(err, "待办")
}

func (s *RemindStore) unreminded(ctx context.Context, corpID int64, kinds []string, dueBefore time.Time) *gorm.DB {
	return s.db.with(ctx).Table("guide_tasks AS t").
		Where("t.corp_id = ? AND t.status = ? AND t.kind IN ? AND (t.due_at IS NULL OR t.due_at < ?)", corpID, app.TaskOpen, kinds, dueBefore.UTC()).
		Where("NOT EXISTS (SELECT 1 FROM reminder_items i WHERE i.corp_id = t.corp_id AND i.task_id = t.id)")
}

// ClaimBatch writes b and a row per task in one transaction; claimed is
// false, and nothing is written, when a batch of the guide has b's key or
// a task is already listed (another sweeper got there first).
func (s *RemindStore) ClaimBatch(ctx context.Context, b *app.ReminderBatch, taskIDs []int64) (claimed bool, err error) {
	if b.CreatedAt.IsZero() {
		b.CreatedAt = time.Now()
	}
	b.CreatedAt = b.CreatedAt.UTC().Truncate(time.Millisecond)
	err = s.db.InTx(ctx, func(ctx context.Context) error {
		if err := s.db.quiet(ctx).Table("reminder_batches").Create(b).Error; err != nil {
			return taken(err)
		}
		items := make([]reminderItem, len(taskIDs))
		for i, id := range taskIDs {
			items[i] = reminderItem{CorpID: b.CorpID, TaskID: id, BatchID: b.ID}
		}
		return taken(s.db.quiet(ctx).Table("reminder_items").Create(&items).Error)
	})
	if errors.Is(err, errBatchTaken) {
		return false, nil
	}
	return err == nil, domainError(err, "提醒")
}

func taken(err error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return errBatchTaken
	}
	return err
}

// UnsentBatches lists the corp's claimed batches WeCom has not taken yet
// whose send failed, or that were claimed before claimedBefore (their
// sweeper is gone), oldest first, at most limit.
func (s *RemindStore) UnsentBatches(ctx context.Context, corpID int64, claimedBefore time.Time, limit int) ([]app.ReminderBatch, error) {
	var out []app.ReminderBatch
	err := s.batches(ctx, corpID).Where("status = ? AND (attempts > 0 OR created_at < ?)", app.ReminderClaimed, claimedBefore.UTC()).
		Order("id").Limit(limit).Find(&out).Error
	return out, domainError(err, "提醒")
}

// MarkBatch records a send's outcome on batch id: status, msgid or error,
// one more attempt.
func (s *RemindStore) MarkBatch(ctx context.Context, corpID, id int64, status, msgID, cause string, sentAt *time.Time) error {
	err := s.batches(ctx, corpID).Where("id = ?", id).Updates(map[string]any{"status": status, "msgid": msgID,
		"error": cause, "sent_at": sentAt, "attempts": gorm.Expr("attempts + 1")}).Error
	return domainError(err, "提醒")
}

// ListBatches returns a page of the corp's batches, newest first; the
// next cursor is the last id of the page (0 on the last page).
func (s *RemindStore) ListBatches(ctx context.Context, corpID int64, f app.ReminderFilter) ([]app.ReminderBatch, int64, error) {
	q := s.batches(ctx, corpID)
	if f.UserID != "" {
		q = q.Where("userid = ?", f.UserID)
	}
	if f.After > 0 {
		q = q.Where("id < ?", f.After)
	}
	n := app.PageLimit(f.Limit, defaultReminderPage)
	var out []app.ReminderBatch
	if err := q.Order("id DESC").Limit(n + 1).Offset(max(f.Offset, 0)).Find(&out).Error; err != nil {
		return nil, 0, domainError(err, "提醒")
	}
	if len(out) <= n {
		return out, 0, nil
	}
	return out[:n], out[n-1].ID, nil
}

// BatchTasks returns the ids of the tasks batch id lists.
func (s *RemindStore) BatchTasks(ctx context.Context, corpID, id int64) ([]int64, error) {
	var ids []int64
	err := s.db.with(ctx).Table("reminder_items").Where("corp_id = ? AND batch_id = ?", corpID, id).Order("task_id").Pluck("task_id", &ids).Error
	return ids, domainError(err, "提醒")
}

func (s *RemindStore) batches(ctx context.Context, corpID int64) *gorm.DB {
	return s.db.with(ctx).Table("reminder_batches").Where("corp_id = ?", corpID)
}
