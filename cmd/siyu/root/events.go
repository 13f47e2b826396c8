package root

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/inbox"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/wecom"
)

// subscribe registers each capability for the WeCom events it handles.
// A new capability adds its line here; nobody else's code changes.
func (g *Graph) subscribe(o Options) {
	g.Registry.Subscribe(tasks.Subscription{Name: "directory.read", Kinds: wecom.KindsContactAdded,
		Queue: tasks.QueueReads, Concurrency: o.ReadConcurrency, Handle: g.Dir.ReadAdded})
	if !o.WithoutAssignment {
		g.Registry.Subscribe(tasks.Subscription{Name: "assign.onboard", Kinds: wecom.KindsContactAdded,
			Queue: tasks.QueueCritical, Concurrency: o.CriticalConcurrency, Handle: g.Assign.OnAdded})
	}
	g.Registry.Subscribe(tasks.Subscription{Name: "touch.add", Kinds: wecom.KindsContactAdded, Handle: g.Touch.OnAdded})
	g.Registry.Subscribe(tasks.Subscription{Name: "touch.group", Kinds: []string{wecom.KindChatUpdated}, Handle: g.Touch.OnGroupChanged})
	g.Registry.Subscribe(tasks.Subscription{Name: "transfer.fail", Kinds: []string{wecom.KindTransferFailed},
		Handle: g.Transfers.OnTransferFailed})
	g.Registry.Subscribe(tasks.Subscription{Name: "remind.churn", Kinds: []string{wecom.KindFollowUserDeleted},
		Handle: g.Remind.OnFollowUserDeleted})
	g.Registry.Subscribe(tasks.Subscription{Name: "referral.add", Kinds: wecom.KindsContactAdded, Handle: g.Referrals.OnAdded})
	g.Registry.Subscribe(tasks.Subscription{Name: "referral.end", Kinds: wecom.KindsContactEnded, Handle: g.Referrals.OnEnded})
	g.Registry.Subscribe(tasks.Subscription{Name: "referral.group", Kinds: []string{wecom.KindChatUpdated}, Handle: g.Referrals.OnChatUpdated})
	g.Registry.Subscribe(tasks.Subscription{Name: "stats.end", Kinds: wecom.KindsContactEnded, Handle: g.Stats.OnEnded})
	g.Registry.Subscribe(tasks.Subscription{Name: "wechat.touch", Kinds: wecom.KindsOA, Handle: g.WeChat.OnEvent})
}

// mux routes every task type to its handler.
func (g *Graph) mux(o Options) *asynq.ServeMux { return tasks.NewServeMux(g.TaskDeps(o)) }

// TaskDeps are the capabilities the task handlers call: every periodic
// pass wired here (a nil one would be scheduled and do nothing).
func (g *Graph) TaskDeps(o Options) tasks.Deps {
	return tasks.Deps{Log: o.Log, Metrics: o.Metrics, Inbox: g.Stores.Inbox, Events: g.Dir,
		WeChatEvents: inbox.NewForwarder(g.DB, g.Stores.Inbox, g.Registry), Enqueuer: g.Enqueuer,
		Registry: g.Registry, Syncer: g.Dir, Refresher: g.Dir, ReadConcurrency: o.ReadConcurrency, RelayAfter: o.RelayAfter,
		Reconcile: func(ctx context.Context) ([]*app.SyncRun, error) {
			return g.Dir.Reconcile(ctx, o.Reconcile, time.Now().UTC())
		},
		ChannelMaintain: g.Channels.Maintain, Pool: g.eachCorp(func(ctx context.Context, c *app.Corp) error {
			_, err := g.Assign.AssignPool(ctx, c.ID, time.Now().UTC())
			return err
		}),
		SegmentRefresh:     func(ctx context.Context) error { return g.Segment.RefreshDue(ctx) },
		AttributionRuns:    g.Attribution,
		AttributionCatchUp: func(ctx context.Context) error { return g.Attribution.CatchUp(ctx, g.Stores.Credits) },
		RFMSweep:           g.eachScope(g.RFM.Incremental),
		RFMNightly:         g.eachScope(g.RFM.Full), RFMFull: g.RFM,
		OrderRelink: g.eachScope(func(ctx context.Context, corpID, scope int64) error {
			_, err := g.Orders.Relink(ctx, corpID, scope)
			return err
		}),
		Transfers: g.Transfers, TransferFollow: g.eachCorp(func(ctx context.Context, c *app.Corp) error {
			return g.Transfers.FollowTransfers(ctx, c.ID)
		}),
		MassSends: g.MassSends, MassSendFollow: g.massSendFollow, RemindSweep: g.remindSweep(), DigestRun: g.digestRun(),
		JourneyTick:  g.eachCorp(func(ctx context.Context, c *app.Corp) error { return g.Journeys.Tick(ctx, c.ID) }),
		GroupSOPTick: g.eachCorp(func(ctx context.Context, c *app.Corp) error { return g.GroupSOPs.Tick(ctx, c.ID) }),
		ReferralTick: g.eachCorp(func(ctx context.Context, c *app.Corp) error { return g.Referrals.Tick(ctx, c.ID) }),
		Stats:        g.Stats,
		BehaviorTick: g.behaviorTick(), BehaviorPulls: g.Behavior,
		UpliftNightly: g.eachCorp(func(ctx context.Context, c *app.Corp) error { return g.Uplift.Run(ctx, c.ID) })}
}

// eachCorp runs fn for every corp, one after another; a corp that fails
// does not stop the others.
func (g *Graph) eachCorp(fn func(ctx context.Context, c *app.Corp) error) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		cs, err := g.Stores.Corps.ListCorps(ctx)
		if err != nil {
			return err
		}
		var errs []error
		for _, c := range cs {
			if err := fn(ctx, c); err != nil {
				errs = append(errs, fmt.Errorf("corp %s: %w", c.CorpID, err))
			}
		}
		return errors.Join(errs...)
	}
}

// Close releases the queue client.
func (g *Graph) Close() error { return g.Queue.Close() }

// eachScope runs fn for every corp and brand scope with orders; one that
// fails does not stop the others.
func (g *Graph) eachScope(fn func(ctx context.Context, corpID, scope int64) error) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		scopes, err := g.Stores.Credits.OrderScopes(ctx)
		if err != nil {
			return err
		}
		var errs []error
		for _, sc := range scopes {
			if err := fn(ctx, sc.CorpID, sc.Scope); err != nil {
				errs = append(errs, fmt.Errorf("corp %d scope %d: %w", sc.CorpID, sc.Scope, err))
			}
		}
		return errors.Join(errs...)
	}
}
