package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// createTagGroup creates a group with its first tags in WeCom.
func (s *server) createTagGroup(c *gin.Context) {
	name, typed := strings.TrimSpace(c.PostForm("group_name")), c.PostForm("tags")
	id, err := s.d.Tags.CreateTagGroup(c.Request.Context(), caller(c).CorpID, name, splitTags(typed))
	if err != nil {
		s.tagRefused(c, err, tagEdit{form: "group", values: map[string]string{"group_name": name, "tags": typed}})
		return
	}
	s.done(c, "/console/tags#g-"+url.PathEscape(id), "已在企业微信新建标签组「"+name+"」")
}

// addTag adds a tag to a group in WeCom.
func (s *server) addTag(c *gin.Context) {
	group, name := c.Param("id"), strings.TrimSpace(c.PostForm("name"))
	if _, err := s.d.Tags.AddTag(c.Request.Context(), caller(c).CorpID, group, name); err != nil {
		s.tagRefused(c, err, tagEdit{form: "add:" + group, value: name})
		return
	}
	s.done(c, "/console/tags#g-"+url.PathEscape(group), "已在企业微信添加标签「"+name+"」")
}

// renameTag renames a tag or a group in WeCom.
func (s *server) renameTag(c *gin.Context) {
	id, name := c.Param("id"), strings.TrimSpace(c.PostForm("name"))
	if err := s.d.Tags.RenameTag(c.Request.Context(), caller(c).CorpID, id, name); err != nil {
		s.tagRefused(c, err, tagEdit{form: "rename:" + id, value: name})
		return
	}
	s.done(c, "/console/tags", "已在企业微信改名为「"+name+"」")
}

// deleteTag deletes a tag or a whole group in WeCom (the page confirms
// first: WeCom takes it off every customer).
func (s *server) deleteTag(c *gin.Context) {
	if err := s.d.Tags.DeleteTag(c.Request.Context(), caller(c).CorpID, c.Param("id")); err != nil {
		s.tagRefused(c, err, tagEdit{})
		return
	}
	s.done(c, "/console/tags", "已在企业微信删除，并从所有客户身上移除")
}

// tagRefused shows the page again with why a change was refused, next
// to the form it came from; a refusal no form owns (the tag is gone, WeCom
// is unreachable) is said at the top.
func (s *server) tagRefused(c *gin.Context, err error, e tagEdit) {
	code := app.ErrorCode(err)
	if code == app.EINTERNAL {
		s.consoleError(c, err)
		return
	}
	if e.form == "" || code == app.ENOTFOUND {
		s.flash(c, "!"+app.ErrorMessage(err))
		c.Redirect(http.StatusSeeOther, "/console/tags")
		return
	}
	e.errs = formErrors(err)
	s.renderTags(c, StatusOf(code), e)
}
