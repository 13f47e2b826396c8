package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// taskView is one task's page: the task, and the form giving it to
// another active guide of its store or a new due time.
type taskView struct {
	formView
	Task   taskRow
	Guides []app.Guide // active guides it may go to
	CanAct bool
	Back   string
}

// dueLayout is how a datetime-local field reads and writes a due time.
const dueLayout = "2006-01-02T15:04"

// DueValue is the due time as the form's field shows it, in the corp's zone.
func (v taskView) DueValue(zone *time.Location) string {
	if v.Task.DueAt == nil {
		return ""
	}
	return v.Task.DueAt.In(zone).Format(dueLayout)
}

// taskPage shows a task a caller may see; another store's is not found
// to a store manager.
func (s *server) taskPage(c *gin.Context) {
	s.renderTask(c, http.StatusOK, taskView{Back: taskBack(c)})
}

func (s *server) renderTask(c *gin.Context, status int, tv taskView) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	v := s.view(c, "待办", "tasks", nil)
	t, err := s.d.Tasks.FindTask(ctx, corpID, pathID(c), *caller(c))
	var rows []taskRow
	if err == nil {
		rows, err = s.taskRows(ctx, corpID, []app.GuideTask{*t}, v)
	}
	if err == nil {
		tv.Task, tv.CanAct = rows[0], !app.ReadOnly(caller(c).Role) && t.Status == app.TaskOpen
		tv.Guides, err = s.activeGuides(c, t.StoreID)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v.Title, v.Data = "待办："+t.Title, tv
	s.render(c, status, "console_task.html", v)
}

// activeGuides are the active guides a task may go to: its store's, or
// for a task without a store every store's the caller may reach.
func (s *server) activeGuides(c *gin.Context, store *int64) ([]app.Guide, error) {
	f := app.GuideFilter{Status: app.GuideActive}
	if store != nil {
		f.StoreID = *store
	} else {
		own, err := s.scopeStore(c)
		if err != nil {
			return nil, err
		}
		f.StoreID = storeID(own)
	}
	var out []app.Guide
	err := eachPage(func(p app.Page) (int64, error) {
		f.Page = p
		gs, next, err := s.d.Org.ListGuides(c.Request.Context(), caller(c).CorpID, f)
		out = append(out, gs...)
		return next, err
	})
	return out, err
}

// taskBack is where a task's actions come back to: the list the caller
// came from, else the open tasks.
func taskBack(c *gin.Context) string {
	back := c.Query("back")
	if back == "" {
		back = c.PostForm("back")
	}
	if !strings.HasPrefix(back, ConsolePath+"/tasks") {
		return ConsolePath + "/tasks"
	}
	return safeConsoleNext(back)
}
