package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// bulkGroupTag tags (or untags) groups in bulk; the whole request is
// refused, naming every unknown group and tag, when any is unknown.
func (s *server) bulkGroupTag(tag bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		var in groupTagBulk
		err := bindJSON(c, &in)
		if err == nil && tag {
			err = s.d.GroupTags.Tag(c.Request.Context(), c.GetInt64(corpKey), in.ChatIDs, in.TagIDs)
		} else if err == nil {
			err = s.d.GroupTags.Untag(c.Request.Context(), c.GetInt64(corpKey), in.ChatIDs, in.TagIDs)
		}
		if err != nil {
			Error(c, s.d.Log, err)
			return
		}
		c.Status(http.StatusNoContent)
	}
}

// setGroupTags makes the tags named in {"names": [...]} a group's tags.
func (s *server) setGroupTags(c *gin.Context) {
	var in struct {
		Names []string `json:"names"`
	}
	err := bindJSON(c, &in)
	var ts []app.GroupTag
	if err == nil {
		ts, err = s.d.GroupTags.SetGroupTags(c.Request.Context(), c.GetInt64(corpKey), c.Param("chat"), in.Names)
	}
	s.answerGroupTags(c, http.StatusOK, ts, err)
}

func (s *server) answerGroupTags(c *gin.Context, code int, ts []app.GroupTag, err error) {
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	if ts == nil {
		ts = []app.GroupTag{}
	}
	c.JSON(code, gin.H{"items": ts})
}

func (s *server) answerGroupTag(c *gin.Context, code int, t *app.GroupTag, err error) {
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(code, t)
}
