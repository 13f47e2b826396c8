package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// CustomerNamer names many customers at once, by external_userid, and
// groups by chat id (app/db's DirectoryStore): lists of tasks name each
// task's customer or group.
type CustomerNamer interface {
	CustomerNames(ctx context.Context, corpID int64, externalUserIDs []string) (map[string]string, error)
	GroupNames(ctx context.Context, corpID int64, chatIDs []string) (map[string]string, error)
}

// taskPageSize is the rows of one page of the task list.
const taskPageSize = 20

// taskPageRoutes serves 待办: guides' tasks by store and guide, overdue
// first. Everyone reads (a store manager their store's, which the task
// service enforces); operators, admins and store managers reassign and
// close them; analysts are kept from posting by consoleReadOnly.
func (s *server) taskPageRoutes(g *gin.RouterGroup) {
	g.GET("/tasks", s.tasksPage)
	g.GET("/tasks/export", s.exportTasks)
	g.GET("/tasks/:id", s.taskPage)
	g.POST("/tasks/:id/reassign", s.reassignTaskForm)
	g.POST("/tasks/:id/complete", s.completeTaskForm)
	g.POST("/tasks/:id/cancel", s.cancelTaskForm)
}

// taskFilter is the list's filter as the URL carries it. Without a
// status the list shows open tasks; "all" shows every status.
type taskFilter struct {
	StoreID              int64
	UserID, Status, Kind string
}

// readTaskFilter reads the filter from the URL; a store manager's list is
// their store's, whatever the URL says.
func readTaskFilter(c *gin.Context, own *app.Store) (taskFilter, app.TaskFilter) {
	f := taskFilter{UserID: c.Query("userid"), Status: c.DefaultQuery("status", app.TaskOpen), Kind: c.Query("kind")}
	f.StoreID, _ = strconv.ParseInt(c.Query("store"), 10, 64)
	if own != nil {
		f.StoreID = own.ID
	}
	q := app.TaskFilter{Page: app.Page{Limit: taskPageSize}, StoreID: f.StoreID, UserID: f.UserID, Kind: f.Kind, Sort: app.TaskSortDue}
	if f.Status != "all" {
		q.Status = f.Status
	}
	return f, q
}

type tasksView struct {
	Filter taskFilter
	Errors map[string]string
	Rows   []taskRow
	Pager  pager
	Stores []app.Store
	Guides []app.Guide // the chosen (or the manager's) store's
	Kinds  map[string]string
	Scoped bool
	CanAct bool   // may reassign and close: anyone but an analyst
	Export string // the export link of this filter
	Back   string // this page, where a row's action comes back to
}

func (s *server) tasksPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	v := s.view(c, "待办", "tasks", nil)
	own, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	f, q := readTaskFilter(c, own)
	page, offset := pageNumber(c, taskPageSize)
	q.Offset = offset
	tv := tasksView{Filter: f, Kinds: taskKindNames, Scoped: own != nil, CanAct: !app.ReadOnly(caller(c).Role),
		Export: "/console/tasks/export?" + c.Request.URL.RawQuery, Back: c.Request.URL.RequestURI()}
	if tv.Stores, err = s.allStores(ctx, corpID); err == nil && f.StoreID != 0 {
		tv.Guides, _, err = s.d.Org.ListGuides(ctx, corpID, app.GuideFilter{Page: app.Page{Limit: app.MaxPageSize}, StoreID: f.StoreID})
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	list, next, err := s.d.Tasks.ListTasks(ctx, corpID, *caller(c), q)
	if app.ErrorCode(err) == app.EINVALID {
		tv.Errors, err = formErrors(err), nil
	}
	if err == nil {
		tv.Rows, err = s.taskRows(ctx, corpID, list, v)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	tv.Pager = newPager(c, page, next != 0)
	v.Data = tv
	s.render(c, http.StatusOK, "console_tasks.html", v)
}
