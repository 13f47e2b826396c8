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
	"github.com/siyu-scrm/siyu/app/org"
	"github.com/siyu-scrm/siyu/app/secret"
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
	WeChat    *db.WeChatStore
}

// NewStores opens every store on d; corp secrets are sealed with box.
func NewStores(d *db.DB, box *secret.Box) Stores {
	return Stores{Corps: db.NewCorpStore(d, box), Inbox: db.NewInboxStore(d), Audit: db.NewAuditStore(d),
		Org: db.NewOrgStore(d), Admin: db.NewAdminStore(d), Directory: db.NewDirectoryStore(d),
		Channels: db.NewChannelStore(d), Assign: db.NewAssignStore(d), Welcomes: db.NewWelcomeStore(d),
		Tasks: db.NewTaskStore(d), Transfers: db.NewTransferStore(d), Outbox: db.NewDeliveryStore(d),
		Overview: db.NewOverviewStore(d), Members: db.NewMemberStore(d), Touches: db.NewTouchStore(d),
		WeChat: db.NewWeChatStore(d, box)}
}

// Core are the capabilities that need only the database: what the
// command line uses (imports, console users) as well as serve.
type Core struct {
	DB     *db.DB
	Stores Stores
	Audit  *audit.Log
	Org    *org.Service
	Auth   *auth.Service
	Todo   *todo.Service
	Member *member.Service
	Touch  *touch.Service
	// WeChat registers the corps' 公众号 here; the full graph gives it
	// the accounts' clients for QR codes and events.
	WeChat *wechat.Service
}

// NewCore builds the database-only capabilities on d.
func NewCore(d *db.DB, box *secret.Box, authOpts auth.Options) *Core {
	st := NewStores(d, box)
	c := &Core{DB: d, Stores: st, Audit: audit.New(st.Audit)}
	c.Org = org.New(org.Deps{Tx: d, Store: st.Org, Audit: c.Audit, Members: st.Directory})
	c.Auth = auth.New(auth.Deps{Tx: d, Store: st.Admin, Audit: c.Audit}, authOpts)
	c.Todo = todo.New(todo.Deps{Tx: d, Store: st.Tasks, Guides: orgReads{st.Org, c.Org}, Audit: c.Audit})
	c.Member = member.New(member.Deps{Tx: d, Store: st.Members, Org: st.Org, Box: box, Audit: c.Audit, Customers: st.Directory})
	c.Touch = touch.New(touch.Deps{Tx: d, Store: st.Touches, Org: st.Org, Channels: st.Channels, Groups: st.Directory, Members: c.Member})
	c.WeChat = wechat.New(c.wechatDeps(nil), wechat.Options{})
	return c
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
