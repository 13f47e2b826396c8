package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// AddTasks inserts ts in multi-row INSERTs (500 rows each) that skip any
// task whose (corp, kind, source) exists already, so a batch acted on
// again makes no second task. The ids of ts are not read back (a skipped
// row has none), nor how many were new (MySQL's count of affected rows
// depends on the connection's flags).
func (s *TaskStore) AddTasks(ctx context.Context, ts []app.GuideTask) error {
	if len(ts) == 0 {
		return nil
	}
	now := time.Now().UTC()
	for i := range ts {
		t := &ts[i]
		t.ID, t.CreatedAt, t.UpdatedAt = 0, now, now
		if t.Status == "" {
			t.Status = app.TaskOpen
		}
		if t.DueAt != nil { // compared as text on SQLite: one zone for all
			due := t.DueAt.UTC()
			t.DueAt = &due
		}
	}
	err := s.db.quiet(ctx).Table("guide_tasks").Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(ts, 500).Error
	return domainError(err, "待办")
}
