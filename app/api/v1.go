package api

import (
	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// apiRoutes serves the JSON API under APIPrefix: sign-in, then every
// other route behind authenticate, and under /corps/:corp only for callers
// of that corp. Reads are open to every role; changes need an operator;
// API tokens, an admin.
func (s *server) apiRoutes(r gin.IRouter) {
	r.GET(OpenAPIPath, serveOpenAPI)
	v1 := r.Group(APIPrefix)
	if s.d.Auth != nil {
		v1.POST("/login", s.login)
		v1.POST("/logout", s.logout)
	}
	g := v1.Group("", s.authenticate, s.readOnly)
	g.GET("/me", s.me)
	g.GET("/corps", s.listCorps)
	c := g.Group("/corps/:corp", s.corpScope)
	if s.d.Directory != nil {
		s.directoryRoutes(c)
	}
	if s.d.Org != nil {
		s.orgRoutes(c)
	}
	if s.d.Channels != nil {
		s.channelRoutes(c)
	}
	if s.d.Transfers != nil {
		s.transferRoutes(c)
	}
	if s.d.Assignments != nil {
		s.assignRoutes(c)
	}
	if s.d.Tasks != nil {
		s.taskRoutes(c)
	}
	if s.d.Touches != nil {
		s.touchRoutes(c)
	}
	if s.d.Attribution != nil && s.d.CreditReports != nil {
		s.attributionRoutes(c)
	}
	if s.d.Segments != nil {
		s.segmentRoutes(c)
	}
	if s.d.Journeys != nil {
		s.journeyRoutes(c)
	}
	if s.d.MassSends != nil {
		s.massSendRoutes(c)
	}
	if s.d.RFM != nil {
		s.rfmRoutes(c)
	}
	if s.d.Members != nil && s.d.MemberMerger != nil && s.d.Org != nil {
		s.memberRoutes(c)
	}
	if s.d.Orders != nil {
		s.orderRoutes(c)
	}
	if s.d.GroupSOPs != nil {
		s.groupSOPRoutes(c)
	}
	if s.d.GroupTags != nil {
		s.groupTagRoutes(c)
	}
	if s.d.Materials != nil {
		s.materialRoutes(c)
	}
	if s.d.Rewards != nil {
		s.rewardRoutes(c)
	}
	if s.d.Referrals != nil {
		s.referralRoutes(c)
	}
	if s.d.WeChat != nil {
		s.wechatRoutes(c)
	}
	if s.d.MiniApps != nil {
		s.miniAppRoutes(c)
	}
	if s.d.Tokens != nil {
		s.tokenRoutes(c.Group("", s.allow(app.RoleAdmin)))
	}
}
