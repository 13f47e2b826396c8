package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// miniLogout ends the request's session.
func (s *server) miniLogout(c *gin.Context) {
	if err := s.d.Mini.Logout(c.Request.Context(), c.GetString(miniTokenKey)); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// miniPhone binds the phone of a getPhoneNumber code to the session's
// member.
func (s *server) miniPhone(c *gin.Context) {
	var in struct {
		Code string `json:"code"`
	}
	err := bindJSON(c, &in)
	var m *app.Member
	if err == nil {
		m, err = s.d.Mini.BindPhone(c.Request.Context(), c.GetString(miniTokenKey), MiniSession(c), in.Code)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toMiniMember(m))
}

// miniMe is the session member's profile.
func (s *server) miniMe(c *gin.Context) {
	ms := MiniSession(c)
	m, err := s.d.Mini.Member(c.Request.Context(), ms, ms.MemberID)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toMiniMember(m))
}

// miniMember is member :member, only when it is the session's own.
func (s *server) miniMember(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("member"), 10, 64)
	if err != nil || id <= 0 {
		Error(c, s.d.Log, app.FieldInvalid("member", "会员编号应为正整数"))
		return
	}
	m, err := s.d.Mini.Member(c.Request.Context(), MiniSession(c), id)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toMiniMember(m))
}

// miniGuide is who serves the consumer and how to add them.
func (s *server) miniGuide(c *gin.Context) {
	g, err := s.d.Mini.Guide(c.Request.Context(), MiniSession(c))
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, miniGuideJSON{GuideName: g.GuideName, StoreName: g.StoreName, How: g.How, QRCodeURL: g.QRCodeURL})
}

// miniConsents records the templates a subscribe request accepted.
func (s *server) miniConsents(c *gin.Context) {
	var in struct {
		TemplateIDs []string `json:"template_ids"`
		Scene       string   `json:"scene"`
	}
	err := bindJSON(c, &in)
	n := 0
	if err == nil {
		n, err = s.d.Mini.RecordConsents(c.Request.Context(), MiniSession(c), in.TemplateIDs, in.Scene)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"recorded": n})
}
