package api

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// groupSOPStatusNames are SOP states as people read them.
var groupSOPStatusNames = map[string]string{app.GroupSOPActive: "进行中", app.GroupSOPPaused: "已暂停"}

// groupSOPRow is a SOP as the list shows it.
type groupSOPRow struct {
	app.GroupSOP
	StatusName string
}

// groupSOPReportView is one SOP's report page.
type groupSOPReportView struct {
	SOP  *app.GroupSOP
	Rows []app.GroupSOPReportRow
}

// groupSOPPageRoutes serves 社群SOP: the corp's group SOPs, each one's
// report per group and owner (自报 marked apart from verified), and to
// operators and admins the editor, pause and resume.
func (s *server) groupSOPPageRoutes(g *gin.RouterGroup) {
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	g.GET("/group-sops", s.groupSOPsPage)
	w.GET("/group-sops/new", s.groupSOPFormPage)
	w.POST("/group-sops/new", s.saveGroupSOPForm)
	w.GET("/group-sops/count", s.groupSOPCountPartial)
	g.GET("/group-sops/:id", s.groupSOPReportPage)
	w.GET("/group-sops/:id/edit", s.groupSOPFormPage)
	w.POST("/group-sops/:id/edit", s.saveGroupSOPForm)
	w.POST("/group-sops/:id/pause", s.setGroupSOPPage(app.GroupSOPPaused, "已暂停社群SOP %s：暂停期间不再给群主派发步骤"))
	w.POST("/group-sops/:id/resume", s.setGroupSOPPage(app.GroupSOPActive, "已恢复社群SOP %s"))
}

// setGroupSOPPage pauses or resumes a SOP from the list and goes back to it.
func (s *server) setGroupSOPPage(status, msg string) gin.HandlerFunc {
	return func(c *gin.Context) {
		sop, err := s.d.GroupSOPs.SetStatus(c.Request.Context(), caller(c).CorpID, pathID(c), status)
		if err != nil {
			s.failed(c, "/console/group-sops", err)
			return
		}
		s.done(c, "/console/group-sops", fmt.Sprintf(msg, sop.Name))
	}
}

func (s *server) groupSOPsPage(c *gin.Context) {
	ss, err := s.d.GroupSOPs.ListSOPs(c.Request.Context(), caller(c).CorpID)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	rows := make([]groupSOPRow, len(ss))
	for i := range ss {
		rows[i] = groupSOPRow{GroupSOP: ss[i], StatusName: groupSOPStatusNames[ss[i].Status]}
	}
	s.render(c, http.StatusOK, "console_group_sops.html", s.view(c, "社群SOP", "group-sops", rows))
}

func (s *server) groupSOPReportPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	var v groupSOPReportView
	if err != nil {
		err = app.Errorf(app.ENOTFOUND, "社群SOP不存在")
	}
	if err == nil {
		v.SOP, err = s.d.GroupSOPs.FindSOP(ctx, corpID, id)
	}
	if err == nil {
		v.Rows, err = s.d.GroupSOPs.Report(ctx, corpID, id)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.render(c, http.StatusOK, "console_group_sop_report.html", s.view(c, "社群SOP · "+v.SOP.Name, "group-sops", v))
}
