package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/remind"
)

// reminderPageSize is the rows of one page of 提醒记录.
const reminderPageSize = 20

// reminderStatusNames are batch states as people read them.
var reminderStatusNames = map[string]string{app.ReminderSent: "已发送", app.ReminderClaimed: "等待发送", app.ReminderFailed: "发送失败"}

// reminderRow is a batch as the list shows it: the guide by name.
type reminderRow struct {
	app.ReminderBatch
	Guide, StatusName string
	// Lines are the tasks the message listed, as the guide read them.
	Lines []string
}

type remindersView struct {
	UserID  string
	Rows    []reminderRow
	Waiting int64
	Pager   pager
}

// reminderPageRoutes serves 提醒记录: the app messages that reminded
// guides of their tasks, newest first, for operators and admins.
func (s *server) reminderPageRoutes(g *gin.RouterGroup) {
	g.GET("/reminders", s.remindersPage)
}

func (s *server) remindersPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	v := s.view(c, "提醒记录", "reminders", nil)
	page, offset := pageNumber(c, reminderPageSize)
	rv := remindersView{UserID: c.Query("userid")}
	p, err := s.d.Reminders.ListReminders(ctx, corpID, app.ReminderFilter{Page: app.Page{Limit: reminderPageSize}, Offset: offset, UserID: rv.UserID})
	var people map[string]string
	if err == nil {
		users := make([]string, len(p.Batches))
		for i, b := range p.Batches {
			users[i] = b.UserID
		}
		people, err = s.d.Names.People(ctx, corpID, users)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	for _, b := range p.Batches {
		rv.Rows = append(rv.Rows, reminderRow{ReminderBatch: b, Guide: personName(people, b.UserID),
			StatusName: reminderStatusNames[b.Status], Lines: remind.Lines(b.Body)})
	}
	rv.Waiting, rv.Pager = p.Waiting, newPager(c, page, p.Next != 0)
	v.Data = rv
	s.render(c, http.StatusOK, "console_reminders.html", v)
}
