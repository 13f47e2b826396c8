package root

import (
	"github.com/siyu-scrm/siyu/app/corpcheck"
	"github.com/siyu-scrm/siyu/app/inbox"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/tasks"
)

// receiverConfig is o's receiver configuration remembering each corp's
// callbacks in Redis, where the connectivity check of any instance reads
// them, and receiving the 公众号 that apps holds.
func receiverConfig(o Options, r *kv.Redis, apps inbox.WeChatApps) inbox.Config {
	c := o.Receiver
	if c.Seen == nil {
		c.Seen = kv.NewCallbackLog(r)
	}
	if c.Apps == nil {
		c.Apps = apps
	}
	return c
}

// connectivity is the console's 系统 page's connectivity check.
func (g *Graph) connectivity() *corpcheck.Service {
	return corpcheck.New(corpcheck.Deps{Corps: g.Stores.Corps, Clients: g.Clients, Callbacks: kv.NewCallbackLog(g.Redis), Audit: g.Audit})
}

// syncNow starts a corp's full sync on an administrator's demand.
func (g *Graph) syncNow() tasks.SyncNow { return tasks.SyncNow{Starter: g.Dir, Queue: g.Enqueuer} }
