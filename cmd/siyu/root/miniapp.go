package root

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/miniapp"
	"github.com/siyu-scrm/siyu/wecom"
)

// miniappDeps are what the mini-program capability is built from;
// clients and sessions are nil where none may be made (the command
// line's registration).
func (c *Core) miniappDeps() miniapp.Deps {
	st := c.Stores
	return miniapp.Deps{Tx: c.DB, Store: st.MiniApps, Consents: st.MiniApps, Org: st.Org, Owners: st.Assign, Channels: st.Channels,
		Members: consumers{Service: c.Member, ids: st.Members}, Audit: c.Audit}
}

// buildMiniApps gives the mini-program capability its clients, sessions
// and limiter, all shared through Redis.
func (g *Graph) buildMiniApps(o Options) {
	g.MiniPrograms = wecom.NewMiniPrograms(g.Stores.MiniApps, g.Redis.Client, o.WeCom...)
	d := g.miniappDeps()
	d.Clients, d.Sessions, d.Log = miniClients{g.MiniPrograms}, kv.NewMiniSessions(g.Redis), o.Log.With("component", "miniapp")
	d.SessionTTL = o.MiniSessionTTL
	g.MiniApps = miniapp.New(d)
	g.MiniLimiter = kv.NewLimiter(g.Redis, "siyu:rl:")
}

// miniClients narrows the mini-program registry to what miniapp asks.
type miniClients struct{ r *wecom.MiniPrograms }

// Client returns the client of the corp's mini-program id.
func (m miniClients) Client(ctx context.Context, corpID, id int64) (miniapp.Client, error) {
	c, err := m.r.Client(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// consumers adapts the members capability to what the mini-program
// asks: a consumer upserted by openid and unionid into the
// mini-program's brand, and the phone WeChat verified given to them.
type consumers struct {
	*member.Service
	ids *db.MemberStore
}

// Consumer upserts the member holding openID (and unionID) in brand.
func (m consumers) Consumer(ctx context.Context, corpID int64, brand, openID, unionID string) (int64, error) {
	return m.upsert(ctx, corpID, member.Input{Brand: brand, OpenIDs: []string{openID}, UnionID: unionID})
}

// BindPhone gives that member phone, verified.
func (m consumers) BindPhone(ctx context.Context, corpID int64, brand, openID, unionID, phone string) (int64, error) {
	return m.upsert(ctx, corpID, member.Input{Brand: brand, OpenIDs: []string{openID}, UnionID: unionID, Phone: phone, PhoneVerified: true})
}

func (m consumers) upsert(ctx context.Context, corpID int64, in member.Input) (int64, error) {
	res, err := m.Upsert(ctx, corpID, in)
	if err != nil {
		return 0, err
	}
	return res.MemberID, nil
}

// IdentitiesOf lists the keys that find member memberID.
func (m consumers) IdentitiesOf(ctx context.Context, corpID, memberID int64) ([]app.MemberIdentity, error) {
	return m.ids.IdentitiesOf(ctx, corpID, memberID)
}
