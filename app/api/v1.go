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
	for _, cap := range s.corpCapabilities() {
		if cap.on {
			cap.routes(c)
		}
	}
	if s.d.Tokens != nil {
		s.tokenRoutes(c.Group("", s.allow(app.RoleAdmin)))
	}
}

// corpCapability is one capability's corp-scoped routes and whether the
// process wired it.
type corpCapability struct {
	on     bool
	routes func(*gin.RouterGroup)
}

// corpCapabilities are the capabilities serving /corps/<corp>/…, each
// routed when its dependencies are set.
func (s *server) corpCapabilities() []corpCapability {
	d := s.d
	return []corpCapability{{d.Directory != nil, func(c *gin.RouterGroup) { s.directoryRoutes(c) }}, {d.Org != nil, s.orgRoutes}, {d.Channels != nil, s.channelRoutes},
		{d.Transfers != nil, s.transferRoutes}, {d.Assignments != nil, s.assignRoutes}, {d.Tasks != nil, s.taskRoutes},
		{d.Touches != nil, s.touchRoutes}, {d.Attribution != nil && d.CreditReports != nil, s.attributionRoutes},
		{d.Segments != nil, s.segmentRoutes}, {d.Journeys != nil, s.journeyRoutes}, {d.MassSends != nil, s.massSendRoutes},
		{d.RFM != nil, s.rfmRoutes}, {d.Members != nil && d.MemberMerger != nil && d.Org != nil, s.memberRoutes},
		{d.Orders != nil, s.orderRoutes}, {d.GroupSOPs != nil, s.groupSOPRoutes}, {d.GroupTags != nil, s.groupTagRoutes},
		{d.Materials != nil, s.materialRoutes}, {d.Rewards != nil, s.rewardRoutes}, {d.Referrals != nil, s.referralRoutes},
		{d.WeChat != nil, s.wechatRoutes}, {d.MiniApps != nil, s.miniAppRoutes}}
}
