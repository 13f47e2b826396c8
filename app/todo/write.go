package todo

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// CreateTask gives t to its guide unless a task of its kind and source
// exists (created false): work that is retried never makes a second
// task. A task without a source (a person's) gets one of its own. Every
// invalid field is reported at once.
func (s *Service) CreateTask(ctx context.Context, t *app.GuideTask) (bool, error) {
	if err := s.check(ctx, t); err != nil {
		return false, err
	}
	if t.Source == "" {
		t.Source = fmt.Sprintf("%s:%d", app.Actor(ctx), s.clock().UnixNano())
	}
	t.Status = app.TaskOpen
	var created bool
	err := s.Tx.InTx(ctx, func(ctx context.Context) (err error) {
		if created, err = s.Store.AddTask(ctx, t); err != nil || !created || t.Kind != app.TaskManual {
			return err
		}
		return s.record(ctx, t, "task.create", nil)
	})
	return created, err
}

// check validates t and fills its store from its guide's binding.
func (s *Service) check(ctx context.Context, t *app.GuideTask) error {
	var f app.Fields
	t.Title = strings.TrimSpace(t.Title)
	f.Check(t.Title == "" || utf8.RuneCountInString(t.Title) > 255, "title", "待办内容不能为空且不超过255个字")
	// A mass send's task is about many customers, a group SOP's about a
	// group: only the others name one customer.
	f.Check(t.ExternalUserID == "" && t.ChatID == "" && t.Kind != app.TaskMassSend, "external_userid", "请指定客户或客户群")
	f.Check(t.Kind == "", "kind", "缺少待办类型")
	store, err := s.storeOfGuide(ctx, t.CorpID, t.UserID)
	if err != nil {
		return err
	}
	f.Check(t.UserID == "" || (store == nil && t.Kind == app.TaskManual), "userid", "导购 "+t.UserID+" 不是本企业的导购")
	t.StoreID = store
	return f.Err()
}

// ReassignTask gives an open task to another active guide and/or a new
// due time (nil keeps it); a store manager may move only their store's
// tasks, to their store's guides.
func (s *Service) ReassignTask(ctx context.Context, corpID, id int64, by app.Principal, userID string, due *time.Time) (*app.GuideTask, error) {
	return s.change(ctx, corpID, id, by, "task.reassign", func(ctx context.Context, t *app.GuideTask, own int64) (map[string]any, error) {
		values := map[string]any{}
		if due != nil {
			values["due_at"] = due.UTC()
		}
		if userID == "" || userID == t.UserID {
			return values, nil
		}
		gs, err := s.Guides.GuidesByUserID(ctx, corpID, []string{userID})
		g, ok := gs[userID]
		switch {
		case err != nil:
			return nil, err
		case !ok:
			return nil, app.FieldInvalid("userid", "导购 "+userID+" 不是本企业的导购")
		case g.Status != app.GuideActive:
			return nil, app.FieldInvalid("userid", "导购 "+guideName(g)+" 已离职，不能接收待办")
		case own != 0 && g.StoreID != own:
			return nil, app.FieldInvalid("userid", "店长只能把待办交给本店导购")
		}
		values["userid"], values["store_id"] = userID, g.StoreID
		return values, nil
	})
}

// guideName is how a refusal names a guide: by name, else by userid.
func guideName(g app.Guide) string {
	if g.Name != "" {
		return g.Name
	}
	return g.UserID
}

// CompleteTask marks an open task done by the caller: self-reported
// unless verified (someone checked it happened).
func (s *Service) CompleteTask(ctx context.Context, corpID, id int64, by app.Principal, verified bool) (*app.GuideTask, error) {
	how := app.TaskSelfReported
	if verified {
		how = app.TaskVerified
	}
	return s.close(ctx, corpID, id, by, "task.complete", app.TaskDone, how)
}

// CancelTask closes an open task that no longer needs doing.
func (s *Service) CancelTask(ctx context.Context, corpID, id int64, by app.Principal) (*app.GuideTask, error) {
	return s.close(ctx, corpID, id, by, "task.cancel", app.TaskCancelled, "")
}

func (s *Service) close(ctx context.Context, corpID, id int64, by app.Principal, action, status, how string) (*app.GuideTask, error) {
	return s.change(ctx, corpID, id, by, action, func(context.Context, *app.GuideTask, int64) (map[string]any, error) {
		return map[string]any{"status": status, "done_at": s.clock(), "done_by": by.Actor, "done_how": how}, nil
	})
}
