package todo

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// CreateTasks gives many capability tasks of one corp at once (a
// journey's batch of fires), each idempotent by its kind and Source like
// CreateTask: one guide lookup for the batch, then multi-row inserts that
// skip tasks already there. Every task must be valid, or none is written
// and the refusal is returned; manual tasks, which are audited one by
// one, go through CreateTask.
func (s *Service) CreateTasks(ctx context.Context, ts []app.GuideTask) error {
	if len(ts) == 0 {
		return nil
	}
	stores, err := s.storesOfGuides(ctx, ts)
	if err != nil {
		return err
	}
	for i := range ts {
		if err := checkBulk(&ts[i], ts[0].CorpID); err != nil {
			return err
		}
		ts[i].StoreID, ts[i].Status = stores[ts[i].UserID], app.TaskOpen
	}
	return s.Store.AddTasks(ctx, ts)
}

// storesOfGuides is the store of each guide the tasks name (absent for a
// member who is not a guide), read at once.
func (s *Service) storesOfGuides(ctx context.Context, ts []app.GuideTask) (map[string]*int64, error) {
	seen := map[string]bool{}
	var ids []string
	for _, t := range ts {
		if !seen[t.UserID] {
			seen[t.UserID] = true
			ids = append(ids, t.UserID)
		}
	}
	gs, err := s.Guides.GuidesByUserID(ctx, ts[0].CorpID, ids)
	out := make(map[string]*int64, len(gs))
	for u, g := range gs {
		out[u] = &g.StoreID
	}
	return out, err
}

// checkBulk validates one task of a batch as check does a single one.
func checkBulk(t *app.GuideTask, corpID int64) error {
	var f app.Fields
	t.Title = strings.TrimSpace(t.Title)
	f.Check(t.CorpID != corpID, "corp_id", "一批待办须属于同一企业")
	f.Check(t.Title == "" || utf8.RuneCountInString(t.Title) > 255, "title", "待办内容不能为空且不超过255个字")
	f.Check(t.ExternalUserID == "" && t.ChatID == "" && t.Kind != app.TaskMassSend, "external_userid", "请指定客户或客户群")
	f.Check(t.Kind == "" || t.Kind == app.TaskManual, "kind", "缺少待办类型或为手动待办")
	f.Check(t.UserID == "", "userid", "缺少导购")
	f.Check(t.Source == "", "source", "缺少待办来源")
	return f.Err()
}
