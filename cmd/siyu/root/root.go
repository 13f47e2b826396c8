package root

import (
	"github.com/siyu-scrm/siyu/app/attribution"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/assign"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/behavior"
	"github.com/siyu-scrm/siyu/app/channel"
	"github.com/siyu-scrm/siyu/app/dashboard"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/digest"
	"github.com/siyu-scrm/siyu/app/directory"
	"github.com/siyu-scrm/siyu/app/groupsop"
	"github.com/siyu-scrm/siyu/app/grouptag"
	"github.com/siyu-scrm/siyu/app/inbox"
	"github.com/siyu-scrm/siyu/app/journey"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/masssend"
	"github.com/siyu-scrm/siyu/app/material"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/names"
	"github.com/siyu-scrm/siyu/app/referral"
	"github.com/siyu-scrm/siyu/app/remind"
	"github.com/siyu-scrm/siyu/app/secret"
	"github.com/siyu-scrm/siyu/app/transfer"
	"github.com/siyu-scrm/siyu/app/uplift"
	"github.com/siyu-scrm/siyu/app/wechat"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/wecom"
)

// Options are what differs between one build of Siyu and another: the
// binary's configuration, or a test's.
type Options struct {
	Log     *slog.Logger
	Metrics *metrics.Metrics
	Box     *secret.Box
	Auth    auth.Options
	// WeCom are the options of every WeCom client (limits, backoff).
	WeCom []wecom.Option
	// DefaultWelcome greets adds without a channel; WelcomeLease is how
	// long a runner holds an add's welcome (assign's default when zero).
	DefaultWelcome string
	WelcomeLease   time.Duration
	// ReadConcurrency and CriticalConcurrency bound the customer reads
	// and the onboardings handled at once (the pools' sizes).
	ReadConcurrency, CriticalConcurrency int
	Reconcile                            directory.ReconcilePolicy
	RelayAfter                           time.Duration
	Receiver                             inbox.Config
	QR                                   channel.QROptions
	// TransferClock times transfers (time.Now when nil; tests pass the
	// sandbox's clock, which they move on by hours).
	TransferClock func() time.Time
	// WithoutAssignment does not subscribe assignment to adds: they are
	// only mirrored and read, as the directory's own tests want them.
	WithoutAssignment bool
	// WeChat tunes the 公众号's QR codes (the permanent cap).
	WeChat wechat.Options
	// PanelURL is the side panel's public URL, read when a reminder is
	// composed (nil or "": reminders go without a link).
	PanelURL func() string
	// MassSend tunes mass sends (chunk size, receive limit, lease) and
	// MassSendClock times them (time.Now when nil).
	MassSend      masssend.Options
	MassSendClock func() time.Time
	// MiniSessionTTL is how long a consumer's login lasts (miniapp's
	// default when zero).
	MiniSessionTTL time.Duration
	// DigestHour is the local hour from which store managers get the
	// day before's digest.
	DigestHour int
	// StatsRecomputeDays is how many days back the nightly run
	// recomputes the daily aggregates (stats' default when zero).
	StatsRecomputeDays int
	// Behavior times the nightly pull of WeCom's chat figures.
	Behavior behavior.Options
	// Uplift tunes the measured uplift (windows, months compared).
	Uplift uplift.Options
}

// Graph is one process's capabilities, wired.
type Graph struct {
	*Core
	Redis     *kv.Redis
	Queue     *asynq.Client
	Enqueuer  *tasks.Enqueuer
	Registry  *tasks.Registry
	Clients   *wecom.Registry
	Dir       *directory.Service
	Channels  *channel.Service
	Assign    *assign.Service
	Transfers *transfer.Service
	// Remind brings guides their tasks (reminders, churn, panel pages).
	Remind *remind.Service
	// Digest sends store managers their daily digest (经营日报).
	Digest *digest.Service
	// MassSends plans, creates and follows mass sends (群发) on their store.
	MassSends     *masssend.Service
	MassSendStore *db.MassSendStore
	// Materials keeps mass-send attachments (素材) and their media ids.
	Materials *material.Service
	// Journeys run customer journeys (客户SOP / 节日关怀).
	Journeys *journey.Service
	// GroupSOPs runs group SOPs (社群SOP).
	GroupSOPs *groupsop.Service
	// Referrals runs referral campaigns (任务宝, 群裂变).
	Referrals *referral.Service
	// GroupTags keeps Siyu group tags (群标签).
	GroupTags *grouptag.Service
	// Behavior pulls WeCom's chat figures per guide and day (联系客户统计).
	Behavior      *behavior.Service
	BehaviorStore *db.BehaviorStore
	// Attribution credits orders (业绩归属); it queues its recomputes.
	Attribution *attribution.Service
	// Uplift measures guides', mass sends' and journeys' uplift each
	// night; Uplifts reads the results (the dashboards' app.UpliftReader).
	Uplift  *uplift.Service
	Uplifts *db.UpliftStore
	// Dashboard builds the managers' dashboards (看板).
	Dashboard *dashboard.Service
	// OfficialAccounts are the corps' 公众号 clients.
	OfficialAccounts *wecom.OfficialAccounts
	// MiniPrograms are the corps' mini-program clients; MiniLimiter
	// counts consumer requests in Redis.
	MiniPrograms *wecom.MiniPrograms
	MiniLimiter  *kv.Limiter
	Receiver     *inbox.Receiver
	Mux          *asynq.ServeMux
	log          *slog.Logger
}

// New builds every capability on d and r. Close the Queue when done.
func New(d *db.DB, r *kv.Redis, o Options) *Graph {
	if o.Metrics == nil {
		o.Metrics = metrics.New()
	}
	if o.Reconcile == (directory.ReconcilePolicy{}) {
		o.Reconcile = directory.DefaultReconcilePolicy()
	}
	g := &Graph{Core: NewCore(d, o.Box, o.Auth), Redis: r, Queue: asynq.NewClient(r.Conn), log: o.Log}
	g.Enqueuer = tasks.NewEnqueuer(g.Queue)
	g.Enqueuer.WakeWith(asynq.NewInspectorFromRedisClient(r.Client)) // shares the client: nothing more to close
	g.Registry = tasks.NewRegistry(g.Stores.Outbox, g.Enqueuer)
	g.Clients = wecom.NewRegistry(g.Stores.Corps, r.Client, o.WeCom...)
	g.buildDirectory(o)
	g.buildChannels(o)
	g.buildAssign(o)
	g.buildTransfers(o)
	g.buildRemind(o)
	g.buildDigest(o)
	g.buildMassSends(o)
	g.buildJourneys(o)
	g.buildGroupSOPs()
	g.buildGroupTags()
	g.RFM.Queue = g.Enqueuer
	g.Stats.RecomputeDays = o.StatsRecomputeDays
	g.Attribution = attribution.New(attribution.Deps{Tx: d, Store: g.Stores.Credits, Org: g.Stores.Org, Queue: g.Enqueuer, Audit: g.Audit})
	g.buildWeChat(o)
	g.buildMiniApps(o)
	g.buildReferrals()
	g.buildBehavior(o)
	g.buildUplift(o)
	g.buildDashboard()
	g.subscribe(o)
	g.Mux = g.mux(o)
	g.Receiver = inbox.NewReceiver(g.Stores.Corps, g.Stores.Inbox, g.Enqueuer, metrics.NewCallbacks(o.Metrics.Registry), o.Log,
		receiverConfig(o, r, g.Stores.WeChat))
	return g
}

// API fills the HTTP API's capabilities from the graph; the caller adds
// what belongs to the process (log, pages, probes, the panel, tokens).
func (g *Graph) API(d api.Deps) api.Deps {
	st := g.Stores
	d.Callbacks, d.Directory, d.Corps = g.Receiver, st.Directory, st.Corps
	d.Org, d.Importer, d.Auth, d.Tokens = g.Org, g.Org, g.Auth, g.Auth
	d.Channels, d.Transfers, d.Assignments, d.Tasks, d.Names = g.Channels, g.Transfers, g.Assign, g.Todo, g.Names()
	d.Accounts, d.Audit, d.Customers, d.Overview = g.Auth, g.Audit, st.Directory, st.Overview
	d.Members, d.MemberMerger, d.MemberList, d.Touches, d.Segments = g.Member, g.Member, st.Members, g.Touch, g.Segment
	d.Attribution, d.CreditReports, d.CreditPages = g.Attribution, st.Credits, st.Credits
	d.WeChatCallbacks, d.WeChat = g.Receiver, g.WeChat
	d.ChannelStats, d.Routing = st.Assign, g.Channels
	d.Journeys, d.Holidays = g.Journeys, g.Journeys
	d.Pool, d.CustomerNames = g.Assign, st.Directory
	d.TransferNames = st.Directory
	d.Tags, d.TagCounts = g.Dir, st.Directory
	d.Connectivity, d.SyncNow = g.connectivity(), g.syncNow()
	d.Orders, d.RFM = g.Orders, g.RFM
	d.Reminders = g.Remind
	d.GroupSOPs = g.GroupSOPs
	d.GroupTags = g.GroupTags
	d.OrderMembers = st.Members
	d.MassSends, d.MassSendReminders, d.Materials = g.MassSends, g.MassSendStore, g.Materials
	d.Rewards = g.Rewards
	d.MiniApps, d.Mini, d.Limiter = g.MiniApps, g.MiniApps, g.MiniLimiter
	d.MiniReferrals, d.Referrals = g.Referrals, g.Referrals
	d.Dashboard = g.Dashboard
	return d
}

// Names is what pages and the API call people, stores and actors by.
func (g *Graph) Names() names.Resolver {
	return names.Resolver{Org: g.Stores.Org, Staff: g.Stores.Directory, Accounts: g.Stores.Admin}
}
