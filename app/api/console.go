package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/templates"
)

// ConsolePath is where the operator console (运营后台) lives.
const ConsolePath = "/console"

// ConsoleCookie carries a console session. It is its own cookie, not the
// JSON API's: SameSite=Lax, so a link to a console page from a WeCom
// message opens signed in, with a CSRF token on every form instead.
const ConsoleCookie = "siyu_console"

// consoleRoutes serves the console: the sign-in page, then every page
// behind a session, each form checked for its CSRF token, analysts kept
// from changing anything, and each page's own role rule.
func (s *server) consoleRoutes(r *gin.Engine) {
	st := http.FS(templates.Static())
	r.GET(ConsolePath+"/static/*file", func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
		c.FileFromFS(c.Param("file"), st)
	})
	r.GET(ConsolePath, func(c *gin.Context) { c.Redirect(http.StatusFound, ConsolePath+"/") })
	g := r.Group(ConsolePath)
	g.GET("/login", s.consoleLoginPage)
	g.POST("/login", s.consoleLogin)
	a := g.Group("", s.consoleSession, s.consoleCSRF)
	a.POST("/logout", s.consoleLogout)
	a.GET("/password", s.consolePasswordPage)
	a.POST("/password", s.consolePassword)
	w := a.Group("", s.consoleReadOnly, s.consoleFirstPassword)
	for _, p := range s.consolePages() {
		p.routes(w)
	}
}

// consolePage is one menu entry of the console and the routes behind it.
type consolePage struct {
	key, label, path string
	group            string // the menu heading it sits under ("": none)
	min              string // least role that sees it (store managers and analysts rank alike)
	only             []string
	routes           func(g *gin.RouterGroup)
}

// consolePages are the console's pages in menu order; a page exists only
// when the capability behind it is wired.
func (s *server) consolePages() []consolePage {
	var ps []consolePage
	add := func(ok bool, p consolePage) {
		if ok {
			ps = append(ps, p)
		}
	}
	add(true, consolePage{key: "overview", label: "概览", path: "/", min: app.RoleAnalyst, routes: s.overviewRoutes})
	ps = append(ps, s.dashConsolePages()...)
	add(s.d.Org != nil, consolePage{key: "org", label: "门店与导购", path: "/stores", min: app.RoleAnalyst, routes: s.orgPageRoutes})
	add(s.d.Channels != nil, consolePage{key: "channels", label: "渠道活码", path: "/channels", min: app.RoleAnalyst, routes: s.channelPageRoutes})
	add(s.d.Customers != nil, consolePage{key: "customers", label: "客户", path: "/customers", min: app.RoleAnalyst, routes: s.customerPageRoutes})
	add(s.membersWired(), consolePage{key: "members", label: "会员", path: "/members", min: app.RoleAnalyst, routes: s.memberPageRoutes})
	add(s.d.Customers != nil && s.d.Pool != nil, consolePage{key: "pool", label: "客户池", path: "/pool", min: app.RoleAnalyst, routes: s.poolPageRoutes})
	add(s.d.Tasks != nil && s.d.CustomerNames != nil, consolePage{key: "tasks", label: "待办", path: "/tasks", min: app.RoleAnalyst, routes: s.taskPageRoutes})
	add(s.d.GroupSOPs != nil, consolePage{key: "group-sops", label: "社群SOP", path: "/group-sops", min: app.RoleAnalyst, routes: s.groupSOPPageRoutes})
	add(s.d.GroupTags != nil && s.d.Directory != nil, consolePage{key: "group-tags", label: "群标签", path: "/group-tags", min: app.RoleAnalyst, routes: s.groupTagPageRoutes})
	add(s.d.Rewards != nil && s.d.OrderMembers != nil && s.d.CustomerNames != nil && s.d.Names != nil,
		consolePage{key: "rewards", label: "奖品", path: "/rewards", min: app.RoleAnalyst, routes: s.rewardPageRoutes})
	add(s.d.Referrals != nil && s.d.Channels != nil && s.d.Directory != nil && s.d.CustomerNames != nil && s.d.Names != nil,
		consolePage{key: "referrals", label: "裂变活动", path: "/referrals", only: referralRoles, routes: s.referralPageRoutes})
	add(s.d.Reminders != nil && s.d.Names != nil, consolePage{key: "reminders", label: "提醒记录", path: "/reminders", min: app.RoleOperator, routes: s.reminderPageRoutes})
	add(s.d.Transfers != nil && s.d.TransferNames != nil, consolePage{key: "transfers", label: "继承/转接", path: "/transfers", min: app.RoleAnalyst, routes: s.transferPageRoutes})
	add(s.d.Customers != nil && s.d.TagCounts != nil && s.d.Org != nil, consolePage{key: "tags", label: "标签", path: "/tags", min: app.RoleAnalyst, routes: s.tagPageRoutes})
	add(s.d.Orders != nil && s.d.OrderMembers != nil && s.d.Org != nil, consolePage{key: "orders", label: "订单", path: "/orders", min: app.RoleAnalyst, routes: s.orderPageRoutes})
	add(s.d.Segments != nil && s.d.CustomerNames != nil && s.d.Customers != nil, consolePage{key: "segments", label: "人群", path: "/segments", min: app.RoleAnalyst, routes: s.segmentPageRoutes})
	add(s.d.Journeys != nil && s.d.Holidays != nil, consolePage{key: "journeys", label: "客户旅程", path: "/journeys", min: app.RoleAnalyst, routes: s.journeyPageRoutes})
	add(s.d.MassSends != nil && s.d.Segments != nil && s.d.Customers != nil && s.d.CustomerNames != nil && s.d.Names != nil,
		consolePage{key: "masssends", label: "群发", path: "/mass-sends", min: app.RoleOperator, routes: s.massSendPageRoutes})
	attr := s.d.Attribution != nil && s.d.CreditReports != nil && s.d.Names != nil && s.d.Org != nil
	add(attr, consolePage{key: "attribution", label: "业绩归属", path: "/attribution", min: app.RoleAnalyst, routes: s.attributionPageRoutes})
	add(attr && s.d.CreditPages != nil, consolePage{key: "credit", label: "业绩报表", path: "/attribution/report", min: app.RoleAnalyst, routes: s.creditPageRoutes})
	add(s.d.RFM != nil && s.d.Org != nil, consolePage{key: "rfm", label: "RFM 与生命周期", path: "/rfm", min: app.RoleAnalyst, routes: s.rfmPageRoutes})
	add(s.d.MiniApps != nil && s.d.Org != nil, consolePage{key: "mini-apps", label: "小程序", path: "/mini-apps", min: app.RoleAnalyst, routes: s.miniPageRoutes})
	add(true, consolePage{key: "users", label: "成员与令牌", path: "/users", min: app.RoleAdmin, routes: s.usersPageRoutes})
	add(s.d.Audit != nil && s.d.Names != nil && s.d.Org != nil && s.d.Customers != nil, consolePage{key: "audit", label: "审计日志", path: "/audit", min: app.RoleAnalyst, routes: s.auditPageRoutes})
	add(s.d.Corps != nil && s.d.Directory != nil, consolePage{key: "system", label: "系统", path: "/system", min: app.RoleAdmin, routes: s.systemPageRoutes})
	return ps
}

// menuItem is a link of the console's menu; Heading, on the first link
// of a group, is the group's name ("" with Break: the group ended).
type menuItem struct {
	Key, Label, URL string
	Heading         string
	Break           bool
}

// menuFor lists the pages role may open, each group under its heading.
func (s *server) menuFor(role string) []menuItem {
	var out []menuItem
	group := ""
	for _, p := range s.consolePages() {
		if s.pageAllows(p, role) {
			m := menuItem{Key: p.key, Label: p.label, URL: ConsolePath + p.path}
			if p.group != group {
				m.Heading, m.Break, group = p.group, true, p.group
			}
			out = append(out, m)
		}
	}
	return out
}

func (s *server) pageAllows(p consolePage, role string) bool {
	if len(p.only) > 0 {
		for _, r := range p.only {
			if r == role {
				return true
			}
		}
		return false
	}
	return app.RoleAtLeast(role, p.min)
}
