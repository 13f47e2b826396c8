package api

import (
	"cmp"
	"context"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// taskKindNames are the task kinds as people read them.
var taskKindNames = map[string]string{app.TaskFollowUp: "新客户跟进", app.TaskTransferRefused: "转接被拒跟进", app.TaskManual: "人工指派",
	app.TaskJourneyStep: "客户旅程", app.TaskSOPStep: "社群SOP", app.TaskMassSend: "群发待确认", app.TaskChurn: "流失提醒",
	app.TaskReward: "交付奖励"}

// taskStatusNames are the task statuses as people read them.
var taskStatusNames = map[string]string{app.TaskOpen: "待处理", app.TaskDone: "已完成", app.TaskCancelled: "已取消"}

// taskHowNames say how a done task was done: a guide's word, or checked.
var taskHowNames = map[string]string{app.TaskSelfReported: "导购自报", app.TaskVerified: "已核实"}

// taskRow is a task as the list shows it: people, store and customer by
// name.
type taskRow struct {
	app.GuideTask
	Guide, Store, Customer, DoneByName string
	// Group names a group's task (ChatID set) instead of a customer.
	Group                 string
	Kind, StatusName, How string
	Overdue               bool
}

// taskRows names what the rows show, reading each kind of name once.
func (s *server) taskRows(ctx context.Context, corpID int64, list []app.GuideTask, v *consoleView) ([]taskRow, error) {
	var users, exts, actors, chats []string
	var stores []*int64
	for _, t := range list {
		users, exts, actors, stores = append(users, t.UserID), append(exts, t.ExternalUserID), append(actors, t.DoneBy), append(stores, t.StoreID)
		chats = append(chats, t.ChatID)
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	var customers, doers, groups map[string]string
	var storeNames map[int64]app.Store
	if err == nil {
		customers, err = s.d.CustomerNames.CustomerNames(ctx, corpID, exts)
	}
	if err == nil {
		groups, err = s.d.CustomerNames.GroupNames(ctx, corpID, chats)
	}
	if err == nil {
		storeNames, err = s.d.Names.Stores(ctx, corpID, stores)
	}
	if err == nil {
		doers, err = s.d.Names.Actors(ctx, corpID, actors)
	}
	if err != nil {
		return nil, err
	}
	now := time.Now()
	rows := make([]taskRow, len(list))
	for i, t := range list {
		rows[i] = taskRow{GuideTask: t, Guide: personName(people, t.UserID), Store: nameOfStore(storeNames, t.StoreID),
			Customer: customers[t.ExternalUserID], DoneByName: doers[t.DoneBy], Kind: kindName(t.Kind),
			StatusName: taskStatusNames[t.Status], How: taskHowNames[t.DoneHow], Overdue: t.Overdue(now)}
		if rows[i].Customer == "" {
			rows[i].Customer = "（未知姓名）"
		}
		if t.ChatID != "" {
			rows[i].Group = cmp.Or(groups[t.ChatID], "未命名客户群")
		}
	}
	return rows, nil
}

func kindName(kind string) string {
	if n := taskKindNames[kind]; n != "" {
		return n
	}
	return kind
}

// exportTasks downloads the tasks the list's filter selects, overdue
// first. Analysts get customers' names masked.
func (s *server) exportTasks(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	v := s.view(c, "待办", "tasks", nil)
	own, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	_, q := readTaskFilter(c, own)
	if _, _, err := s.d.Tasks.ListTasks(ctx, corpID, *caller(c), q); err != nil {
		s.consoleError(c, err) // a refused filter is refused before the download starts
		return
	}
	mask := app.ReadOnly(caller(c).Role)
	s.export(c, "tasks", table{name: "待办", header: []string{"导购", "门店", "客户", "external_userid", "事项", "类型", "截止时间", "逾期",
		"状态", "完成方式", "完成时间", "处理人"},
		each: func(emit func([]string) error) error {
			return s.eachTask(ctx, c, q, v, func(r taskRow) error {
				name, overdue := r.Customer, ""
				if mask {
					name = maskText(name)
				}
				if r.Overdue {
					overdue = "是"
				}
				return emit([]string{r.Guide, r.Store, name, r.ExternalUserID, r.Title, r.Kind, v.Local(r.DueAt), overdue,
					r.StatusName, r.How, v.Local(r.DoneAt), r.DoneByName})
			})
		}})
}

// eachTask reads every page of q, named.
func (s *server) eachTask(ctx context.Context, c *gin.Context, q app.TaskFilter, v *consoleView, fn func(taskRow) error) error {
	q.Limit, q.Offset = app.MaxPageSize, 0
	if q.Now.IsZero() { // one "now" for every page, so no task changes group mid-export
		q.Now = time.Now().UTC()
	}
	for {
		list, next, err := s.d.Tasks.ListTasks(ctx, caller(c).CorpID, *caller(c), q)
		if err != nil {
			return err
		}
		rows, err := s.taskRows(ctx, caller(c).CorpID, list, v)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		if next == 0 {
			return nil
		}
		q.Offset = int(next)
	}
}
