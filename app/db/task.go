package db

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// TaskStore keeps guide tasks (待办); app/todo is its only writer.
type TaskStore struct{ db *DB }

// NewTaskStore returns a TaskStore on db.
func NewTaskStore(db *DB) *TaskStore { return &TaskStore{db: db} }

const defaultTaskPage = 50

func (s *TaskStore) tasks(ctx context.Context, corpID int64) *gorm.DB {
	return s.db.with(ctx).Table("guide_tasks").Where("corp_id = ?", corpID)
}

// AddTask creates t unless a task of its kind and source exists; created
// reports which, so retried work never makes a second task.
func (s *TaskStore) AddTask(ctx context.Context, t *app.GuideTask) (bool, error) {
	now := time.Now().UTC()
	t.CreatedAt, t.UpdatedAt = now, now
	if t.Status == "" {
		t.Status = app.TaskOpen
	}
	if t.DueAt != nil { // compared as text on SQLite: one zone for all
		due := t.DueAt.UTC()
		t.DueAt = &due
	}
	err := s.db.quiet(ctx).Table("guide_tasks").Create(t).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return false, nil
	}
	return err == nil, domainError(err, "待办")
}

// FindTask returns task id of corpID.
func (s *TaskStore) FindTask(ctx context.Context, corpID, id int64) (*app.GuideTask, error) {
	var t app.GuideTask
	err := s.tasks(ctx, corpID).Where("id = ?", id).Take(&t).Error
	return &t, domainError(err, "待办")
}

// ListTasks returns a page of the corp's tasks narrowed by f, in id
// order or, with app.TaskSortDue, overdue first.
func (s *TaskStore) ListTasks(ctx context.Context, corpID int64, f app.TaskFilter) ([]app.GuideTask, int64, error) {
	q := s.tasks(ctx, corpID)
	for col, v := range map[string]string{"userid": f.UserID, "status": f.Status, "kind": f.Kind, "external_userid": f.ExternalUserID} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	if f.StoreID > 0 {
		q = q.Where("store_id = ?", f.StoreID)
	}
	if f.Sort == app.TaskSortDue {
		return listByDue(q, f)
	}
	var out []app.GuideTask
	if err := page(q, f.Page, defaultTaskPage).Find(&out).Error; err != nil {
		return nil, 0, domainError(err, "待办")
	}
	out, next := cut(out, f.Page, defaultTaskPage, func(t app.GuideTask) int64 { return t.ID })
	return out, next, nil
}

// listByDue reads one page of q overdue first (open and due before
// f.Now), then the other open tasks, then closed ones, each soonest due
// first and those without a due time last; next is the following page's
// offset, 0 on the last page.
func listByDue(q *gorm.DB, f app.TaskFilter) ([]app.GuideTask, int64, error) {
	n, offset := app.PageLimit(f.Limit, defaultTaskPage), max(f.Offset, 0)
	// One expression: gorm keeps only the columns of ORDER BY clauses merged after one.
	order := clause.Expr{SQL: "CASE WHEN status = ? AND due_at < ? THEN 0 WHEN status = ? THEN 1 ELSE 2 END, " +
		"CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id", Vars: []any{app.TaskOpen, f.Now.UTC(), app.TaskOpen}, WithoutParentheses: true}
	var out []app.GuideTask
	err := q.Order(clause.OrderBy{Expression: order}).Limit(n + 1).Offset(offset).Find(&out).Error
	if err != nil {
		return nil, 0, domainError(err, "待办")
	}
	if len(out) <= n {
		return out, 0, nil
	}
	return out[:n], int64(offset + n), nil
}

// OpenTasks lists a guide's open tasks, about one customer when
// externalUserID is set, the soonest due first.
func (s *TaskStore) OpenTasks(ctx context.Context, corpID int64, userID, externalUserID string) ([]app.GuideTask, error) {
	q := s.tasks(ctx, corpID).Where("userid = ? AND status = ?", userID, app.TaskOpen)
	if externalUserID != "" {
		q = q.Where("external_userid = ?", externalUserID)
	}
	var out []app.GuideTask
	err := q.Order("CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id").Limit(app.MaxPageSize).Find(&out).Error
	return out, domainError(err, "待办")
}

// UpdateOpenTask writes values over task id while it is open; changed
// reports whether it was (a task closed meanwhile is left alone).
func (s *TaskStore) UpdateOpenTask(ctx context.Context, corpID, id int64, values map[string]any) (bool, error) {
	values["updated_at"] = time.Now().UTC()
	res := s.tasks(ctx, corpID).Where("id = ? AND status = ?", id, app.TaskOpen).Updates(values)
	return res.RowsAffected == 1, domainError(res.Error, "待办")
}

// MoveOpenTasks gives the guide's open tasks about one customer to
// another guide (of storeID) and returns how many moved.
func (s *TaskStore) MoveOpenTasks(ctx context.Context, corpID int64, fromUserID, externalUserID, toUserID string, storeID *int64) (int64, error) {
	res := s.tasks(ctx, corpID).Where("userid = ? AND external_userid = ? AND status = ?", fromUserID, externalUserID, app.TaskOpen).
		Updates(map[string]any{"userid": toUserID, "store_id": storeID, "updated_at": time.Now().UTC()})
	return res.RowsAffected, domainError(res.Error, "待办")
}
