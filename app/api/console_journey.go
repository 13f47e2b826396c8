package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// journeyPageRoutes serves 客户旅程: the list, the editor and the holiday
// calendar. Everyone reads; operators and admins change.
func (s *server) journeyPageRoutes(g *gin.RouterGroup) {
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	g.GET("/journeys", s.journeysPage)
	w.GET("/journeys/new", s.journeyFormPage)
	w.POST("/journeys/new", s.saveJourneyForm)
	g.GET("/journeys/:id", s.journeyFormPage)
	w.POST("/journeys/:id", s.saveJourneyForm)
	w.POST("/journeys/:id/status", s.journeyStatusForm)
	g.GET("/journey-holidays", s.holidaysPage)
	w.POST("/journey-holidays", s.saveHolidayForm)
	w.POST("/journey-holidays/delete", s.deleteHolidayForm)
}

// journeyRow is one journey of the list, in words.
type journeyRow struct {
	ID                             int64
	Name, Status, Trigger, Reentry string
	Steps                          int
	Active                         bool
}

func (s *server) journeysPage(c *gin.Context) {
	v := s.view(c, "客户旅程", "journeys", nil)
	js, err := s.d.Journeys.List(c.Request.Context(), caller(c).CorpID, c.Query("status"))
	if err != nil {
		s.consoleError(c, err)
		return
	}
	rows := make([]journeyRow, len(js))
	for i, j := range js {
		rows[i] = journeyRow{ID: j.ID, Name: j.Name, Status: map[string]string{app.JourneyActive: "运行中", app.JourneyPaused: "已暂停"}[j.Status],
			Trigger: triggerWords(j.Trigger), Reentry: reentryNames[j.Reentry], Steps: len(j.Steps), Active: j.Status == app.JourneyActive}
	}
	v.Data = gin.H{"Rows": rows, "Status": c.Query("status")}
	s.render(c, http.StatusOK, "console_journeys.html", v)
}

// journeyStatusForm pauses or resumes a journey.
func (s *server) journeyStatusForm(c *gin.Context) {
	id, err := idParam(c)
	status := c.PostForm("status")
	if err == nil {
		_, err = s.d.Journeys.SetStatus(c.Request.Context(), caller(c).CorpID, id, caller(c).Actor, status)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, "/console/journeys", map[string]string{app.JourneyActive: "旅程已恢复", app.JourneyPaused: "旅程已暂停"}[status])
}

// reentryNames name the re-entry policies.
var reentryNames = map[string]string{app.ReentryOnce: "每位客户一次", app.ReentryOccurrence: "每次触发一次"}

// triggerKinds are the triggers in the editor's order, with their names.
var triggerKinds = [][2]string{{app.TriggerAdded, "添加好友后第 N 天"}, {app.TriggerBirthday, "会员生日"}, {app.TriggerHoliday, "节日"},
	{app.TriggerMemberDay, "每月会员日"}, {app.TriggerStage, "生命周期阶段变为"}, {app.TriggerRFMClass, "RFM 分类变为"},
	{app.TriggerFirstOrder, "首单"}, {app.TriggerLastOrder, "最近一单后第 N 天"}, {app.TriggerRefund, "退款"}}

// triggerWords says a trigger in Chinese.
func triggerWords(t app.JourneyTrigger) string {
	for _, k := range triggerKinds {
		if k[0] != t.Kind {
			continue
		}
		switch t.Kind {
		case app.TriggerHoliday:
			return k[1] + "（" + t.Holiday + "）"
		case app.TriggerMemberDay:
			return k[1] + "（" + strconv.Itoa(t.DayOfMonth) + " 日）"
		case app.TriggerStage:
			return k[1] + app.StageNames[t.To]
		case app.TriggerRFMClass:
			return k[1] + app.RFMClassNames[t.To]
		}
		return k[1]
	}
	return t.Kind
}
