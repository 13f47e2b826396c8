package root

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/digest"
	"github.com/siyu-scrm/siyu/app/kv"
)

func (g *Graph) buildDigest(o Options) {
	g.Digest = digest.New(g.DigestDeps(o))
}

// DigestDeps are what the daily digest is built from (tests set its
// clock to the sandbox's). Its pace is the reminders': WeCom counts a
// member's app messages whatever they say.
func (g *Graph) DigestDeps(o Options) digest.Deps {
	return digest.Deps{Store: db.NewDigestStore(g.DB), Stats: db.NewStatsReadStore(g.DB), Guides: g.Stores.Org,
		Pace: kv.NewPace(g.Redis, remindPerMinute, remindPerHour), Messengers: digestMessengers{appMessengers{g.Clients}},
		Corps: g.Stores.Corps, URL: o.PanelURL, Hour: o.DigestHour, Log: o.Log}
}

// digestMessengers hands the digest a corp's app client.
type digestMessengers struct{ a appMessengers }

// Messenger returns corpID's app client.
func (m digestMessengers) Messenger(ctx context.Context, corpID int64) (digest.Messenger, error) {
	return m.a.r.AppClient(ctx, corpID)
}

// digestRun sends every corp's managers their digest when it is due.
func (g *Graph) digestRun() func(ctx context.Context) error {
	return g.eachCorp(func(ctx context.Context, c *app.Corp) error { return g.Digest.Run(ctx, c.ID) })
}
