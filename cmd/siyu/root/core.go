// Package root is Siyu's one composition root: it builds every capability
// and wires each to the stores and the other capabilities it depends on.
// The binary (cmd/siyu) and the test harness (app/testkit/stack) both
// build through it, so tests run what production runs.
package root

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/audit"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/miniapp"
	"github.com/siyu-scrm/siyu/app/order"
	"github.com/siyu-scrm/siyu/app/org"
	"github.com/siyu-scrm/siyu/app/reward"
	"github.com/siyu-scrm/siyu/app/rfm"
	"github.com/siyu-scrm/siyu/app/secret"
	"github.com/siyu-scrm/siyu/app/segment"
	"github.com/siyu-scrm/siyu/app/stats"
	"github.com/siyu-scrm/siyu/app/todo"
	"github.com/siyu-scrm/siyu/app/touch"
	"github.com/siyu-scrm/siyu/app/wechat"
)

// Stores are app/db's stores, one per owning capability.
type Stores struct {
	Corps     *db.CorpStore
	Inbox     *db.InboxStore
	Audit     *db.AuditStore
	Org       *db.OrgStore
	Admin     *db.AdminStore
	Directory *db.DirectoryStore
	Channels  *db.ChannelStore
	Assign    *db.AssignStore
	Welcomes  *db.WelcomeStore
	Tasks     *db.TaskStore
	Transfers *db.TransferStore
	Outbox    *db.DeliveryStore
	Overview  *db.OverviewStore
	Members   *db.MemberStore
	Touches   *db.TouchStore
	Segments  *db.SegmentStore
	Orders    *db.OrderStore
	Credits   *db.AttributionStore
	RFM       *db.RFMStore
	WeChat    *db.WeChatStore
	Journeys  *db.JourneyStore
	MiniApps  *db.MiniAppStore
	Stats     *db.StatsStore
}

// NewStores opens every store on d; corp secrets are sealed with box.
func NewStores(d *db.DB, box *secret.Box) Stores {
	return Stores{Corps: db.NewCorpStore(d, box), Inbox: db.NewInboxStore(d), Audit: db.NewAuditStore(d),
		Org: db.NewOrgStore(d), Admin: db.NewAdminStore(d), Directory: db.NewDirectoryStore(d),
		Channels: db.NewChannelStore(d), Assign: db.NewAssignStore(d), Welcomes: db.NewWelcomeStore(d),
		Tasks: db.NewTaskStore(d), Transfers: db.NewTransferStore(d), Outbox: db.NewDeliveryStore(d),
		Overview: db.NewOverviewStore(d), Members: db.NewMemberStore(d), Touches: db.NewTouchStore(d), Segments: db.NewSegmentStore(d),
		Orders: db.NewOrderStore(d), Credits: db.NewAttributionStore(d), RFM: db.NewRFMStore(d),
		WeChat: db.NewWeChatStore(d, box), Journeys: db.NewJourneyStore(d), MiniApps: db.NewMiniAppStore(d, box),
		Stats: db.NewStatsStore(d)}
}

// Core are the capabilities that need only the database: what the
// command line uses (imports, console users) as well as serve.
type Core struct {
	DB      *db.DB
	Stores  Stores
	Audit   *audit.Log
	Org     *org.Service
	Auth    *auth.Service
	Todo    *todo.Service
	Member  *member.Service
	Touch   *touch.Service
	Segment *segment.Service
	Orders  *order.Service
	RFM     *rfm.Service
	// Rewards keeps rewards (奖品) and grants them, once per key.
	Rewards *reward.Service
	// WeChat registers the corps' 公众号 here; the full graph gives it
	// the accounts' clients for QR codes and events.
	WeChat *wechat.Service
	// MiniApps registers the corps' mini-programs here; the full graph
	// gives it clients and sessions for consumers.
	MiniApps *miniapp.Service
	// Stats computes the dashboards' daily aggregates (the command line
	// rebuilds a range with it).
	Stats *stats.Service
}

// NewCore builds the database-only capabilities on d.
func NewCore(d *db.DB, box *secret.Box, authOpts auth.Options) *Core {
	st := NewStores(d, box)
	c := &Core{DB: d, Stores: st, Audit: audit.New(st.Audit)}
	c.Org = org.New(org.Deps{Tx: d, Store: st.Org, Audit: c.Audit, Members: st.Directory})
	c.Auth = auth.New(auth.Deps{Tx: d, Store: st.Admin, Audit: c.Audit}, authOpts)
	c.Todo = todo.New(todo.Deps{Tx: d, Store: st.Tasks, Guides: orgReads{st.Org, c.Org}, Audit: c.Audit})
	c.Member = member.New(member.Deps{Tx: d, Store: st.Members, Org: st.Org, Box: box, Audit: c.Audit, Customers: st.Directory})
	c.Segment = segment.New(segment.Deps{Tx: d, Store: st.Segments, Zones: st.Corps, Names: st.Directory, Audit: c.Audit, Due: st.Segments})
	c.Touch = touch.New(touch.Deps{Tx: d, Store: st.Touches, Org: st.Org, Channels: st.Channels, Groups: st.Directory, Members: c.Member})
	c.Orders = order.New(c.OrderDeps(box))
	// Members and orders each link to the other: an order finds its
	// member at ingest, a member arriving later takes its earlier orders.
	c.Member.Orders = c.Orders
	c.RFM = rfm.New(rfm.Deps{Tx: d, Store: st.RFM, Merges: st.Credits, Audit: c.Audit})
	c.WeChat = wechat.New(c.wechatDeps(nil), wechat.Options{})
	c.buildRewards()
	c.MiniApps = miniapp.New(c.miniappDeps())
	c.buildStats()
	return c
}

// OrderDeps are what the order capability is built from (tests add a
// member matcher of their own). Members stays nil until the member
// capability is wired: orders are kept unlinked, and linked by LinkOrders
// when their members arrive.
func (c *Core) OrderDeps(box *secret.Box) order.Deps {
	st := c.Stores
	return order.Deps{Tx: c.DB, Store: st.Orders, Reader: st.Orders, Org: orgReads{st.Org, c.Org}, Index: box,
		Zones: st.Corps, Audit: c.Audit, Members: c.Member}
}

// orgReads is what other capabilities read of the organisation: bindings
// from the store, a caller's store through org's rule.
type orgReads struct {
	*db.OrgStore
	org *org.Service
}

// StoreOf is org's rule for the store a caller is limited to.
func (g orgReads) StoreOf(ctx context.Context, corpID int64, by app.Principal) (int64, error) {
	return g.org.StoreOf(ctx, corpID, by)
}
