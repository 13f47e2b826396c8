package root

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/remind"
	"github.com/siyu-scrm/siyu/wecom"
)

// Pace under WeCom's 30 app messages a minute and 1,000 an hour per
// member, leaving room for clock skew between Siyu and WeCom and for
// other tools sending as the same app.
const (
	remindPerMinute = 25
	remindPerHour   = 900
)

func (g *Graph) buildRemind(o Options) {
	g.Remind = remind.New(g.RemindDeps(o))
}

// RemindDeps are what the reminder capability is built from (tests set
// its clock to the sandbox's).
func (g *Graph) RemindDeps(o Options) remind.Deps {
	st := g.Stores
	store := db.NewRemindStore(g.DB)
	return remind.Deps{Store: store, Reads: store, Tasks: g.Todo, Pace: kv.NewPace(g.Redis, remindPerMinute, remindPerHour),
		Messengers: appMessengers{g.Clients}, Names: st.Directory, Corps: st.Corps, PanelURL: o.PanelURL, Log: o.Log}
}

// appMessengers hands out a corp's self-built app client, which sends
// app messages.
type appMessengers struct{ r *wecom.Registry }

// Messenger returns corpID's app client.
func (m appMessengers) Messenger(ctx context.Context, corpID int64) (remind.Messenger, error) {
	return m.r.AppClient(ctx, corpID)
}

// remindSweep sweeps every corp's reminders.
func (g *Graph) remindSweep() func(ctx context.Context) error {
	return g.eachCorp(func(ctx context.Context, c *app.Corp) error { return g.Remind.Sweep(ctx, c.ID) })
}
