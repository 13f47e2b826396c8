package api

import (
	"crypto/subtle"
	"html/template"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
	"github.com/siyu-scrm/siyu/app/dashboard"
	"github.com/siyu-scrm/siyu/app/metrics"
)

// Deps is what the HTTP layer is built from; cmd/siyu fills it in.
type Deps struct {
	Log     *slog.Logger
	Metrics *metrics.Metrics
	Pages   *template.Template
	Checks  []Check
	// Monitoring is the asynqmon UI, mounted at MonitoringPath when set.
	Monitoring         http.Handler
	MonitoringUser     string
	MonitoringPassword string
	Version            string
	Env                string
	// Callbacks receives WeCom events; the routes exist when it is set.
	Callbacks        CallbackReceiver
	CallbackMaxBytes int64
	// Directory and Corps serve the read API under APIPrefix when set,
	// to callers presenting APIToken (the deployment's token: every corp)
	// or, with Auth, a corp's session or API token (that corp only).
	Directory app.DirectoryReader
	Corps     CorpFinder
	APIToken  string
	// Org serves the organisation API and Importer its file imports.
	Org      Org
	Importer Importer
	// Channels serves the channel codes (渠道活码) and their QR images.
	Channels Channels
	// ChannelStats counts adds per channel and Routing says whom WeCom
	// routes a channel to, for the console's channel pages.
	ChannelStats ChannelStats
	Routing      Routing
	// Auth signs console users in and checks sessions and API tokens;
	// Tokens manages a corp's API tokens. Login exists when Auth is set.
	Auth   app.Authenticator
	Tokens app.TokenService
	// Transfers serves the transfer (在职继承 / 离职继承) API;
	// TransferNames names customers and groups on its console pages.
	Transfers     app.TransferService
	TransferNames TransferNames
	// Assignments serves customers' owners and assignment history.
	Assignments Assignments
	// Tasks serves guide tasks (待办).
	Tasks app.TaskService
	// Reminders lists the reminder batches (提醒记录).
	Reminders app.Reminders
	// GroupSOPs runs group SOPs (社群SOP).
	GroupSOPs app.GroupSOPs
	// GroupTags keeps Siyu group tags (群标签).
	GroupTags app.GroupTags
	// Orders serves orders (订单): batches, one order, imports, reads.
	Orders Orders
	// OrderMembers names the members orders are linked to, for 订单.
	OrderMembers OrderMembers
	// Pool gives pooled customers to guides by hand (客户池);
	// CustomerNames names the customers a list shows, many at once.
	Pool          PoolAssigner
	CustomerNames CustomerNamer
	// Names names people, stores and actors in what the API answers.
	Names Names
	// Sandbox is the embedded default's demo corp; the /sandbox page
	// exists when it is set.
	Sandbox SandboxDemo
	// Accounts, with Auth, serves the operator console (运营后台) under
	// ConsolePath; Customers, Overview, Queues and Calls feed its pages.
	Accounts  Accounts
	Audit     Auditor
	Customers Customers
	Overview  app.OverviewReader
	Queues    app.QueueHealth
	Calls     app.CallLog
	// Tags changes the corp tag library through WeCom (the directory) and
	// TagCounts counts the customers carrying each tag, for 标签.
	Tags      TagEditor
	TagCounts TagCounter
	// Connectivity checks a corp's WeCom setup and SyncNow starts a full
	// sync on demand, for the console's 系统 page.
	Connectivity app.ConnectivityChecker
	SyncNow      SyncStarter
	// Attribution serves 业绩归属: rule versions, runs, reports, the dry
	// run; CreditReports is the store its reports read.
	Attribution   Attribution
	CreditReports attribution.Reports
	// CreditPages reads the console's 业绩报表 a page at a time.
	CreditPages CreditPages
	// RFM serves the brands' RFM and lifecycle settings and distribution.
	RFM RFM
	// Dashboard builds the managers' dashboards (看板) from the daily
	// aggregates; their pages exist when it is set.
	Dashboard *dashboard.Service
	// Segments serves segments (人群).
	Segments Segments
	// Journeys serves customer journeys (客户SOP) and Holidays their
	// holiday calendar (节日日历).
	Journeys Journeys
	Holidays Holidays
	// MassSends serves mass sends (群发); MassSendReminders counts their
	// reminders, to show how many of WeCom's 3 a day are left.
	MassSends app.MassSendService
	// Materials keeps mass-send attachments (素材); nil, sends attach
	// links only.
	Materials app.Materials
	// Rewards keeps rewards (奖品), their coupon codes and grants.
	Rewards           app.RewardService
	MassSendReminders MassSendReminders
	// Referrals runs referral campaigns (裂变) for the console's pages.
	Referrals Referrals
	// Touches serves the touch ledger and share links (/s/<code>).
	Touches Touches
	// Members serves members (会员) and MemberMerger their merge review;
	// MemberList reads them for the console's pages.
	Members      Members
	MemberMerger MemberMerger
	MemberList   MemberList
	// WeChatCallbacks receives the 公众号's events; the /wechat/callback
	// routes exist when it is set (CallbackMaxBytes caps them too).
	WeChatCallbacks WeChatReceiver
	// WeChat serves the corps' 公众号 and their parametric QR codes.
	WeChat WeChat
	// MiniApps configures the corps' mini-programs (小程序); Mini serves
	// their consumers under MiniPrefix when set, rate-limited by Limiter
	// (none when nil) within MiniLimits (DefaultMiniLimits when zero).
	MiniApps MiniApps
	Mini     Mini
	Limiter  RateLimiter
	// MiniReferrals serves consumers' referral campaigns (nil: no routes).
	MiniReferrals MiniReferrals
	MiniLimits    MiniLimits
	// Panel is the WeCom side panel; its /panel routes exist when its
	// Service is set.
	Panel PanelDeps
}

// server holds what route handlers need.
type server struct{ d Deps }

// MonitoringPath is where asynqmon is mounted; asynqmon needs to know it.
const MonitoringPath = "/monitoring"

// New builds the Gin engine with every route Siyu serves.
func New(d Deps) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.ContextWithFallback = true
	r.SetHTMLTemplate(d.Pages)
	r.Use(requestID(), observe(d.Metrics), accessLog(d.Log), recovery(d.Log))
	r.NoRoute(func(c *gin.Context) { Error(c, d.Log, app.Errorf(app.ENOTFOUND, "页面不存在")) })
	r.HandleMethodNotAllowed = true
	r.NoMethod(func(c *gin.Context) {
		Error(c, d.Log, app.Errorf(app.EMETHOD, "该地址不支持 %s 请求", c.Request.Method))
	})

	r.GET("/", func(c *gin.Context) {
		c.HTML(http.StatusOK, "index.html", gin.H{"Version": d.Version, "Env": d.Env, "Sandbox": d.Sandbox != nil})
	})
	r.GET("/healthz", healthz)
	r.GET("/readyz", readyz(d.Checks))
	r.GET("/metrics", gin.WrapH(promhttp.HandlerFor(d.Metrics.Registry, promhttp.HandlerOpts{})))
	if d.Monitoring != nil {
		mon := r.Group(MonitoringPath, basicAuth(d.Log, d.MonitoringUser, d.MonitoringPassword))
		mon.GET("", func(c *gin.Context) { c.Redirect(http.StatusMovedPermanently, MonitoringPath+"/") })
		mon.Any("/*path", gin.WrapH(d.Monitoring))
	}
	s := &server{d: d}
	if d.Touches != nil {
		r.GET(SharePath+"/:code", s.openShareLink)
	}
	if d.Callbacks != nil {
		s.callbackRoutes(r)
	}
	if d.WeChatCallbacks != nil {
		s.wechatCallbackRoutes(r)
	}
	if d.Directory != nil || d.Org != nil || d.Channels != nil {
		s.apiRoutes(r)
	}
	if d.Mini != nil {
		s.miniRoutes(r)
	}
	if d.Sandbox != nil {
		s.sandboxRoutes(r)
	}
	if d.Panel.Service != nil {
		s.panelRoutes(r)
	}
	if d.Auth != nil && d.Accounts != nil {
		s.consoleRoutes(r)
	}
	return r
}

// basicAuth guards the task monitor when a password is configured. With no
// password it is open, which the default config only allows on loopback.
func basicAuth(log *slog.Logger, user, password string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if password == "" {
			return
		}
		u, p, ok := c.Request.BasicAuth()
		if ok && subtle.ConstantTimeCompare([]byte(u), []byte(user)) == 1 &&
			subtle.ConstantTimeCompare([]byte(p), []byte(password)) == 1 {
			return
		}
		c.Header("WWW-Authenticate", `Basic realm="siyu monitoring"`)
		Error(c, log, app.Errorf(app.EUNAUTHORIZED, "需要登录"))
	}
}
