package todo

import (
	"context"
	"slices"

	"github.com/siyu-scrm/siyu/app"
)

// taskStatuses are the statuses a list may be narrowed to.
var taskStatuses = []string{app.TaskOpen, app.TaskDone, app.TaskCancelled}

// ListTasks returns a page of the corp's tasks in id order, or in the
// order f.Sort names; a store manager sees their store's only. An unknown
// status, kind or order is refused rather than answered with an empty
// page.
func (s *Service) ListTasks(ctx context.Context, corpID int64, by app.Principal, f app.TaskFilter) ([]app.GuideTask, int64, error) {
	if err := checkFilter(f); err != nil {
		return nil, 0, err
	}
	if f.Now.IsZero() {
		f.Now = s.clock()
	}
	own, err := s.Guides.StoreOf(ctx, corpID, by)
	if err != nil {
		return nil, 0, err
	}
	if own != 0 {
		if f.StoreID != 0 && f.StoreID != own {
			return nil, 0, app.Errorf(app.EFORBIDDEN, "店长只能查看本店的待办")
		}
		f.StoreID = own
	}
	return s.Store.ListTasks(ctx, corpID, f)
}

// checkFilter refuses every unknown value of f at once.
func checkFilter(f app.TaskFilter) error {
	var bad app.Fields
	bad.Check(f.Status != "" && !slices.Contains(taskStatuses, f.Status), "status", "状态应为 open（待处理）、done（已完成）或 cancelled（已取消）")
	bad.Check(f.Kind != "" && !slices.Contains(app.TaskKinds, f.Kind), "kind", "类型应为 follow_up（新客户跟进）、transfer_refused（转接被拒）或 manual（人工指派）")
	bad.Check(f.Sort != app.TaskSortID && f.Sort != app.TaskSortDue, "sort", "排序应为空（按创建顺序）或 due（逾期优先、按截止时间）")
	return bad.Err()
}

// FindTask returns one task the caller may see: another store's task is
// "not found" to a store manager, so ids cannot be probed.
func (s *Service) FindTask(ctx context.Context, corpID, id int64, by app.Principal) (*app.GuideTask, error) {
	t, _, err := s.visible(ctx, corpID, id, by)
	return t, err
}

func (s *Service) visible(ctx context.Context, corpID, id int64, by app.Principal) (*app.GuideTask, int64, error) {
	own, err := s.Guides.StoreOf(ctx, corpID, by)
	if err != nil {
		return nil, 0, err
	}
	t, err := s.Store.FindTask(ctx, corpID, id)
	if err == nil && own != 0 && (t.StoreID == nil || *t.StoreID != own) {
		return nil, 0, app.Errorf(app.ENOTFOUND, "待办不存在")
	}
	return t, own, err
}

// change applies what edit returns to an open task the caller may see,
// with its audit record, in one transaction, and returns the task after.
func (s *Service) change(ctx context.Context, corpID, id int64, by app.Principal, action string,
	edit func(ctx context.Context, t *app.GuideTask, own int64) (map[string]any, error)) (*app.GuideTask, error) {
	var after *app.GuideTask
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		t, own, err := s.visible(ctx, corpID, id, by)
		if err != nil {
			return err
		}
		if t.Status != app.TaskOpen {
			return app.Errorf(app.ECONFLICT, "待办已完成或已取消")
		}
		values, err := edit(ctx, t, own)
		if err != nil || len(values) == 0 {
			after = t
			return err
		}
		if ok, err := s.Store.UpdateOpenTask(ctx, corpID, id, values); err != nil || !ok {
			return cmpErr(err, ok)
		}
		if after, err = s.Store.FindTask(ctx, corpID, id); err != nil {
			return err
		}
		return s.record(ctx, after, action, t)
	})
	return after, err
}

func cmpErr(err error, ok bool) error {
	if err == nil && !ok {
		return app.Errorf(app.ECONFLICT, "待办已完成或已取消")
	}
	return err
}

// record writes the audit record of a change to t.
func (s *Service) record(ctx context.Context, t *app.GuideTask, action string, before *app.GuideTask) error {
	return s.Audit.Record(ctx, app.AuditChange{CorpID: t.CorpID, Action: action, TargetType: "guide_task", TargetID: t.ID,
		Detail: map[string]any{"before": before, "after": t}})
}
