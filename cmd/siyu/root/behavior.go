package root

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/behavior"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/wecom"
)

// buildBehavior wires the nightly pull of WeCom's chat figures: active
// guides from the organisation, a pull queued once per corp and day.
func (g *Graph) buildBehavior(o Options) {
	g.BehaviorStore = db.NewBehaviorStore(g.DB)
	g.Behavior = behavior.New(behavior.Deps{Store: g.BehaviorStore, Guides: g.Stores.Org, Clients: wecom.As[behavior.WeCom](g.Clients),
		Queue: g.Enqueuer, Log: o.Log, Options: o.Behavior})
}

// behaviorTick starts every due corp's pull.
func (g *Graph) behaviorTick() func(ctx context.Context) error {
	return g.eachCorp(func(ctx context.Context, c *app.Corp) error { return g.Behavior.Tick(ctx, c) })
}
