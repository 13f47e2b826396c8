package demo

import (
	"context"
	"fmt"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// Corps is where the demo corp is registered, its secrets sealed.
type Corps interface {
	FindCorpByCorpID(ctx context.Context, corpID string) (*app.Corp, error)
	CreateCorp(ctx context.Context, c *app.Corp) error
	UpdateCorpCredentials(ctx context.Context, c *app.Corp) error
}

// Syncs starts a full sync (or returns the one under way).
type Syncs interface {
	CreateSync(ctx context.Context, corpID int64) (*app.SyncRun, bool, error)
}

// Queue hands a sync run to the workers.
type Queue interface {
	EnqueueSync(ctx context.Context, run *app.SyncRun) error
}

// Siyu is the Siyu the demo corp is wired to.
type Siyu struct {
	// BaseURL is where Siyu serves HTTP, e.g. http://127.0.0.1:8080.
	BaseURL string
	Corps   Corps
	Syncs   Syncs
	Queue   Queue
	// Directory reads Siyu's mirror, for the /sandbox page.
	Directory app.DirectoryReader
	// Org, when set, receives the demo's stores and guide bindings.
	Org Org
	// WeChat, when set, registers the demo's 公众号.
	WeChat WeChatApps
	// MiniApps, when set, registers the demo's mini-program.
	MiniApps MiniApps
}

// Connect points the corp's callbacks at Siyu, registers the corp there
// (or refreshes its credentials), binds its members to stores and starts
// a full sync. It returns the
// corp as registered.
func (d *Demo) Connect(ctx context.Context, s Siyu) (*app.Corp, error) {
	d.siyu.Store(&s)
	d.corp.SetCallbackURL(s.BaseURL + "/wecom/callback/" + d.corp.ID())
	corp, err := d.register(ctx, s.Corps)
	if err != nil {
		return nil, fmt.Errorf("register demo corp: %w", err)
	}
	// WeCom verifies the receive URL when an admin saves it; so does the
	// demo, and the console's connectivity check sees the URL verified.
	if err := d.corp.VerifyCallbackURL(ctx); err != nil {
		d.log().Warn("the sandbox could not verify Siyu's callback URL", "err", err)
	}
	if s.Org != nil {
		if err := d.seedOrg(ctx, s.Org, corp.ID); err != nil {
			return nil, fmt.Errorf("demo organisation: %w", err)
		}
	}
	if s.WeChat != nil {
		if err := d.connectWeChat(ctx, s, corp.ID); err != nil {
			return nil, err
		}
	}
	if s.MiniApps != nil {
		if err := d.connectMini(ctx, s, corp.ID); err != nil {
			return nil, err
		}
	}
	run, _, err := s.Syncs.CreateSync(ctx, corp.ID)
	if err == nil {
		err = s.Queue.EnqueueSync(ctx, run)
	}
	if err != nil {
		return nil, fmt.Errorf("start demo sync: %w", err)
	}
	d.log().Info("demo corp connected", "corp", corp.CorpID, "sync_run", run.ID, "sandbox", d.url)
	return corp, nil
}

// register creates the corp row, or updates its credentials when a row is
// left from an earlier run. The credentials are derived from the corp id,
// so they are normally the same; updating anyway costs one statement.
func (d *Demo) register(ctx context.Context, corps Corps) (*app.Corp, error) {
	info := d.corp.Info()
	want := &app.Corp{CorpID: info.CorpID, Name: "演示企业（沙箱）", AgentID: strconv.Itoa(info.AgentID),
		ContactSecret: info.ContactSecret, AgentSecret: info.AppSecret, CallbackToken: info.Token, EncodingAESKey: info.EncodingAESKey}
	old, err := corps.FindCorpByCorpID(ctx, info.CorpID)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return want, corps.CreateCorp(ctx, want)
	}
	if err != nil {
		return nil, err
	}
	if d.fresh {
		d.log().Warn("the demo corp was seeded anew but Siyu already holds one from an earlier run: relations ended then stay " +
			"ended in Siyu; stop Siyu and delete var/ to start over cleanly")
	}
	want.ID, want.Name, want.Timezone = old.ID, old.Name, old.Timezone
	return want, corps.UpdateCorpCredentials(ctx, want)
}
