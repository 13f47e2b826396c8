package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// ListFires returns a page of journey id's fires, in id order, of one
// status when status is set.
func (s *JourneyStore) ListFires(ctx context.Context, corpID, id int64, status string, p app.Page) ([]app.JourneyFire, int64, error) {
	q := s.db.with(ctx).Table("journey_fires").Where("corp_id = ? AND journey_id = ?", corpID, id)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	var fs []app.JourneyFire
	if err := page(q, p, defaultJourneyPage).Find(&fs).Error; err != nil {
		return nil, 0, domainError(err, "旅程记录")
	}
	fs, next := cut(fs, p, defaultJourneyPage, func(f app.JourneyFire) int64 { return f.ID })
	return fs, next, nil
}

// PendingFires returns up to limit fires of journey id whose action has
// not run yet, after the id after.
func (s *JourneyStore) PendingFires(ctx context.Context, corpID, id, after int64, limit int) ([]app.JourneyFire, error) {
	var fs []app.JourneyFire
	err := s.db.with(ctx).Table("journey_fires").Where("journey_id = ? AND status = ? AND id > ? AND corp_id = ?",
		id, app.FirePending, after, corpID).Order("id").Limit(limit).Find(&fs).Error
	return fs, domainError(err, "旅程记录")
}

// FinishFire records the outcome of fire f's action: its status (done,
// failed, or still pending for another attempt), attempts and result.
func (s *JourneyStore) FinishFire(ctx context.Context, f *app.JourneyFire) error {
	if f.Status != app.FirePending && f.DoneAt == nil {
		now := time.Now().UTC()
		f.DoneAt = &now
	}
	err := s.db.with(ctx).Table("journey_fires").Where("corp_id = ? AND id = ?", f.CorpID, f.ID).
		Updates(map[string]any{"status": f.Status, "attempts": f.Attempts, "result": f.Result, "done_at": f.DoneAt}).Error
	return domainError(err, "旅程记录")
}

// FinishFires marks the pending fires ids done in one statement, one
// attempt more each (a journey's batch whose guide tasks were given at
// once); a fire no longer pending is left as it is.
func (s *JourneyStore) FinishFires(ctx context.Context, corpID int64, ids []int64, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.db.with(ctx).Exec("UPDATE journey_fires SET status = ?, attempts = attempts + 1, result = ?, done_at = ? WHERE corp_id = ? AND id IN ? AND status = ?",
		app.FireDone, "ok", now.UTC(), corpID, ids, app.FirePending).Error
	return domainError(err, "旅程记录")
}
