package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// groupTagPageView is the 群标签 page: the corp's tags and a page of
// groups with theirs, by name.
type groupTagPageView struct {
	Tags   []app.GroupTag
	Groups []groupTagRow
	Next   int64
}

// groupTagRow is a group with its tags' names joined for the edit box.
type groupTagRow struct {
	ChatID, Name, Tags string
	Members            int
}

// groupTagPageRoutes serves 群标签: tags are defined and deleted here and
// each customer group's tags edited by name.
func (s *server) groupTagPageRoutes(g *gin.RouterGroup) {
	g.GET("/group-tags", s.groupTagsPage)
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	w.POST("/group-tags", s.createGroupTagPage)
	w.POST("/group-tags/:id/delete", s.deleteGroupTagPage)
	w.POST("/group-tags/groups/:chat", s.setGroupTagsPage)
}

func (s *server) groupTagsPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	v := groupTagPageView{}
	var err error
	v.Tags, err = s.d.GroupTags.List(ctx, corpID)
	var gs []app.GroupMembers
	if err == nil {
		gs, v.Next, err = s.d.Directory.ListGroups(ctx, corpID, app.Page{After: after, Limit: 50})
	}
	var tags map[string][]app.GroupTag
	if err == nil {
		tags, err = s.d.GroupTags.TagsOf(ctx, corpID, chatIDs(gs))
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	for _, g := range gs {
		names := make([]string, 0, len(tags[g.ChatID]))
		for _, t := range tags[g.ChatID] {
			names = append(names, t.Name)
		}
		v.Groups = append(v.Groups, groupTagRow{ChatID: g.ChatID, Name: g.Name, Members: len(g.Members), Tags: strings.Join(names, "，")})
	}
	s.render(c, http.StatusOK, "console_group_tags.html", s.view(c, "群标签", "group-tags", v))
}

func chatIDs(gs []app.GroupMembers) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.ChatID
	}
	return out
}

func (s *server) createGroupTagPage(c *gin.Context) {
	t := &app.GroupTag{CorpID: caller(c).CorpID, Name: c.PostForm("name"), GroupName: c.PostForm("group_name"), CreatedBy: caller(c).Actor}
	if err := s.d.GroupTags.CreateTag(c.Request.Context(), t); err != nil {
		s.failed(c, "/console/group-tags", err)
		return
	}
	s.done(c, "/console/group-tags", "已创建群标签 "+t.Name)
}

func (s *server) deleteGroupTagPage(c *gin.Context) {
	if err := s.d.GroupTags.DeleteTag(c.Request.Context(), caller(c).CorpID, pathID(c)); err != nil {
		s.failed(c, "/console/group-tags", err)
		return
	}
	s.done(c, "/console/group-tags", "已删除群标签")
}

// setGroupTagsPage makes the names typed (split on commas) a group's tags.
func (s *server) setGroupTagsPage(c *gin.Context) {
	names := strings.FieldsFunc(c.PostForm("tags"), func(r rune) bool { return r == ',' || r == '，' })
	if _, err := s.d.GroupTags.SetGroupTags(c.Request.Context(), caller(c).CorpID, c.Param("chat"), names); err != nil {
		s.failed(c, "/console/group-tags", err)
		return
	}
	s.done(c, "/console/group-tags", "已更新客户群的标签")
}
