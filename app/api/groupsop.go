package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// groupSOPRoutes serves group SOPs (社群SOP) of the corp in scope: every
// role reads them; operators create, edit, pause and resume them.
func (s *server) groupSOPRoutes(c *gin.RouterGroup) {
	c.GET("/group-sops", s.listGroupSOPs)
	c.GET("/group-sops/:id", s.getGroupSOP)
	c.GET("/group-sops/:id/report", s.groupSOPReport)
	w := c.Group("", s.allow(app.RoleOperator))
	w.POST("/group-sops", s.createGroupSOP)
	w.POST("/group-sops/count", s.countGroupSOPGroups)
	w.PUT("/group-sops/:id", s.updateGroupSOP)
	w.POST("/group-sops/:id/pause", s.setGroupSOPStatus(app.GroupSOPPaused))
	w.POST("/group-sops/:id/resume", s.setGroupSOPStatus(app.GroupSOPActive))
}

func (s *server) listGroupSOPs(c *gin.Context) {
	ss, err := s.d.GroupSOPs.ListSOPs(c.Request.Context(), c.GetInt64(corpKey))
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	out := make([]groupSOPJSON, len(ss))
	for i := range ss {
		out[i] = toGroupSOP(&ss[i])
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

func (s *server) getGroupSOP(c *gin.Context) {
	id, err := idParam(c)
	var sop *app.GroupSOP
	if err == nil {
		sop, err = s.d.GroupSOPs.FindSOP(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	s.answerGroupSOP(c, http.StatusOK, sop, err)
}

func (s *server) createGroupSOP(c *gin.Context) {
	var in groupSOPJSON
	err := bindJSON(c, &in)
	sop := in.toApp(c.GetInt64(corpKey), 0)
	if err == nil {
		sop.CreatedBy = caller(c).Actor
		err = s.d.GroupSOPs.Create(c.Request.Context(), sop)
	}
	s.answerGroupSOP(c, http.StatusCreated, sop, err)
}

func (s *server) updateGroupSOP(c *gin.Context) {
	var in groupSOPJSON
	id, err := idParam(c)
	if err == nil {
		err = bindJSON(c, &in)
	}
	var sop *app.GroupSOP
	if err == nil {
		sop, err = s.d.GroupSOPs.Update(c.Request.Context(), in.toApp(c.GetInt64(corpKey), id))
	}
	s.answerGroupSOP(c, http.StatusOK, sop, err)
}

func (s *server) setGroupSOPStatus(status string) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := idParam(c)
		var sop *app.GroupSOP
		if err == nil {
			sop, err = s.d.GroupSOPs.SetStatus(c.Request.Context(), c.GetInt64(corpKey), id, status)
		}
		s.answerGroupSOP(c, http.StatusOK, sop, err)
	}
}

func (s *server) answerGroupSOP(c *gin.Context, code int, sop *app.GroupSOP, err error) {
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(code, toGroupSOP(sop))
}
