package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// groupTagRoutes serves Siyu group tags (群标签) of the corp in scope:
// every role reads them; operators define them and tag groups.
func (s *server) groupTagRoutes(c *gin.RouterGroup) {
	c.GET("/group-tags", s.listGroupTags)
	c.GET("/groups/:chat/tags", s.groupTagsOf)
	w := c.Group("", s.allow(app.RoleOperator))
	w.POST("/group-tags", s.createGroupTag)
	w.PUT("/group-tags/:id", s.renameGroupTag)
	w.DELETE("/group-tags/:id", s.deleteGroupTag)
	w.POST("/group-tags/tag", s.bulkGroupTag(true))
	w.POST("/group-tags/untag", s.bulkGroupTag(false))
	w.PUT("/groups/:chat/tags", s.setGroupTags)
}

// groupTagIn is a tag as clients write it.
type groupTagIn struct {
	Name      string `json:"name"`
	GroupName string `json:"group_name"`
}

// groupTagBulk names groups and tags to tag or untag.
type groupTagBulk struct {
	ChatIDs []string `json:"chat_ids"`
	TagIDs  []int64  `json:"tag_ids"`
}

func (s *server) listGroupTags(c *gin.Context) {
	ts, err := s.d.GroupTags.List(c.Request.Context(), c.GetInt64(corpKey))
	s.answerGroupTags(c, http.StatusOK, ts, err)
}

func (s *server) groupTagsOf(c *gin.Context) {
	m, err := s.d.GroupTags.TagsOf(c.Request.Context(), c.GetInt64(corpKey), []string{c.Param("chat")})
	s.answerGroupTags(c, http.StatusOK, m[c.Param("chat")], err)
}

func (s *server) createGroupTag(c *gin.Context) {
	var in groupTagIn
	err := bindJSON(c, &in)
	t := &app.GroupTag{CorpID: c.GetInt64(corpKey), Name: in.Name, GroupName: in.GroupName, CreatedBy: caller(c).Actor}
	if err == nil {
		err = s.d.GroupTags.CreateTag(c.Request.Context(), t)
	}
	s.answerGroupTag(c, http.StatusCreated, t, err)
}

func (s *server) renameGroupTag(c *gin.Context) {
	var in groupTagIn
	id, err := idParam(c)
	if err == nil {
		err = bindJSON(c, &in)
	}
	var t *app.GroupTag
	if err == nil {
		t, err = s.d.GroupTags.RenameTag(c.Request.Context(), c.GetInt64(corpKey), id, in.Name, in.GroupName)
	}
	s.answerGroupTag(c, http.StatusOK, t, err)
}

func (s *server) deleteGroupTag(c *gin.Context) {
	id, err := idParam(c)
	if err == nil {
		err = s.d.GroupTags.DeleteTag(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Status(http.StatusNoContent)
}
