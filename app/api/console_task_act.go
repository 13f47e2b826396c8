package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// reassignTaskForm gives a task to another active guide of its store
// and/or a new due time; refusals come back next to their fields.
func (s *server) reassignTaskForm(c *gin.Context) {
	ctx, p := c.Request.Context(), caller(c)
	back := taskBack(c)
	t, err := s.d.Tasks.FindTask(ctx, p.CorpID, pathID(c), *p)
	if err != nil {
		s.failed(c, back, err)
		return
	}
	userID := strings.TrimSpace(c.PostForm("userid"))
	due, bad := s.readDue(c)
	bad.Check(len(bad) == 0 && (userID == "" || userID == t.UserID) && due == nil, "userid", "请选择另一位导购，或填写新的截止时间")
	if userID == t.UserID {
		userID = ""
	}
	err = bad.Err()
	if err == nil {
		t, err = s.d.Tasks.ReassignTask(ctx, p.CorpID, t.ID, *p, userID, due)
	}
	if app.ErrorCode(err) == app.EINVALID {
		f := formView{Values: map[string]string{"userid": c.PostForm("userid"), "due": c.PostForm("due")}, Errors: formErrors(err)}
		s.renderTask(c, http.StatusUnprocessableEntity, taskView{formView: f, Back: back})
		return
	}
	if err != nil {
		s.failed(c, back, err)
		return
	}
	people, err := s.d.Names.People(ctx, p.CorpID, []string{t.UserID})
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, back, "已将待办「"+t.Title+"」交给 "+personName(people, t.UserID)+"，截止 "+s.localTime(c, t.DueAt))
}

// readDue reads the form's new due time, in the corp's zone; empty keeps
// the task's.
func (s *server) readDue(c *gin.Context) (*time.Time, app.Fields) {
	var bad app.Fields
	raw := strings.TrimSpace(c.PostForm("due"))
	if raw == "" {
		return nil, bad
	}
	t, err := time.ParseInLocation(dueLayout, raw, s.corpZone(c))
	switch {
	case err != nil:
		bad.Add("due_at", "截止时间格式应为 2026-01-31T18:00")
	case t.Before(time.Now()):
		bad.Add("due_at", "新的截止时间不能早于现在")
	default:
		return &t, bad
	}
	return nil, bad
}

// corpZone is the caller's corp's time zone.
func (s *server) corpZone(c *gin.Context) *time.Location {
	if corp, err := s.d.Corps.FindCorpByID(c.Request.Context(), caller(c).CorpID); err == nil {
		return app.ZoneNamed(corp.Timezone)
	}
	return app.ZoneNamed("")
}

// localTime shows t in the caller's corp's zone, as pages do.
func (s *server) localTime(c *gin.Context, t *time.Time) string {
	v := consoleView{Zone: s.corpZone(c)}
	return v.Local(t)
}

// completeTaskForm closes a task as done, checked by the caller (已核实).
func (s *server) completeTaskForm(c *gin.Context) {
	p := caller(c)
	t, err := s.d.Tasks.CompleteTask(c.Request.Context(), p.CorpID, pathID(c), *p, true)
	if err != nil {
		s.failed(c, taskBack(c), err)
		return
	}
	s.done(c, taskBack(c), "已将待办「"+t.Title+"」标记为完成（已核实）")
}

// cancelTaskForm closes a task that no longer needs doing.
func (s *server) cancelTaskForm(c *gin.Context) {
	p := caller(c)
	t, err := s.d.Tasks.CancelTask(c.Request.Context(), p.CorpID, pathID(c), *p)
	if err != nil {
		s.failed(c, taskBack(c), err)
		return
	}
	s.done(c, taskBack(c), "已取消待办「"+t.Title+"」")
}
