package channel_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/channel"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the test binary's one WeCom sandbox (the SDK's base URL is
// process-wide); each fixture has a corp of its own on it.
var (
	sb    *sandbox.Sandbox
	sbURL string
)

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 11}, func(s *sandbox.Sandbox, url string) { sb, sbURL = s, url })
}

// fixture is a channel service on a fresh database, for a corp mirrored
// in the sandbox: stores 徐汇 (guides g1–g3, g9 who left, nc who has no
// customer contact in WeCom) and 静安 (g4), the online team (o1), tags
// et1 and et2; and a second corp with a store of its own.
type fixture struct {
	ctx       context.Context
	d         *db.DB
	svc       *channel.Service
	graph     *root.Graph
	clients   *wecom.Registry
	corp      *app.Corp
	other     *app.Corp
	sc        *sandbox.Corp
	xuhui     int64
	jingan    int64
	online    int64
	elsewhere int64 // the other corp's store
}

func newFixture(t *testing.T, d *db.DB, edit ...func(*channel.Options)) *fixture {
	f := &fixture{ctx: app.WithActor(context.Background(), "user:1"), d: d}
	corps := db.NewCorpStore(d, testkit.Box(t))
	cfg := sandbox.NewCorpConfig(testkit.RandomName("ww"))
	sc, err := sb.AddCorp(cfg)
	require.NoError(t, err)
	sc.Clock().Set(time.Now()) // contact ways are listed by creation time
	f.sc = sc
	f.corp = &app.Corp{CorpID: cfg.CorpID, Name: "渠道测试", ContactSecret: cfg.ContactSecret}
	require.NoError(t, corps.CreateCorp(f.ctx, f.corp))
	f.other = &app.Corp{CorpID: testkit.RandomName("ww"), Name: "别家"}
	require.NoError(t, corps.CreateCorp(f.ctx, f.other))
	f.graph = root.New(d, testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded)), root.Options{Log: testkit.Logger(t), Box: testkit.Box(t)})
	t.Cleanup(func() { f.graph.Close() })
	f.seedOrg(t)
	require.NoError(t, db.NewDirectoryStore(d).ReplaceCorpTags(f.ctx, f.corp.ID, []app.TagGroup{{GroupID: "etg1", Name: "来源",
		Tags: []app.Tag{{TagID: "et1", Name: "门店"}, {TagID: "et2", Name: "线上"}}}}, time.Now()))
	f.clients = f.graph.Clients
	o := channel.Options{Log: testkit.Logger(t), QR: channel.QROptions{Bases: []string{sbURL}}}
	for _, e := range edit {
		e(&o)
	}
	f.svc = channel.New(f.graph.ChannelDeps(), o)
	return f
}

// client is the real WeCom client of a corp, as cmd/siyu wires it.
func (f *fixture) client(ctx context.Context, corpID int64) (channel.ContactWays, error) {
	c, err := f.clients.ContactClient(ctx, corpID)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (f *fixture) seedOrg(t *testing.T) {
	o := f.graph.Org
	stores := []*app.Store{{CorpID: f.corp.ID, Code: "XH", Name: "徐汇店"}, {CorpID: f.corp.ID, Code: "JA", Name: "静安店"},
		{CorpID: f.corp.ID, Code: "ON", Name: "线上团队", Kind: app.StoreKindOnline}, {CorpID: f.other.ID, Code: "XH", Name: "别家店"}}
	for _, st := range stores {
		require.NoError(t, o.CreateStore(f.ctx, st))
	}
	f.xuhui, f.jingan, f.online, f.elsewhere = stores[0].ID, stores[1].ID, stores[2].ID, stores[3].ID
	for _, g := range []struct{ userID, store, status string }{
		{"g1", "XH", app.GuideActive}, {"g2", "XH", app.GuideActive}, {"g3", "XH", app.GuideActive},
		{"g9", "XH", app.GuideLeft}, {"nc", "XH", app.GuideActive}, {"g4", "JA", app.GuideActive}, {"o1", "ON", app.GuideActive},
	} {
		require.NoError(t, o.CreateGuide(f.ctx, &app.Guide{CorpID: f.corp.ID, UserID: g.userID, StoreCode: g.store, Status: g.status}))
		require.NoError(t, f.sc.AddMember(sandbox.Member{UserID: g.userID, Name: "导购" + g.userID, ContactEnabled: g.userID != "nc"}))
	}
}

// way returns the sandbox's contact way of c.
func (f *fixture) way(t *testing.T, configID string) (sandbox.ContactWay, bool) {
	t.Helper()
	for _, cw := range f.sc.Snapshot().ContactWays {
		if cw.ConfigID == configID {
			return cw, true
		}
	}
	return sandbox.ContactWay{}, false
}

// waysWithState lists the sandbox's contact ways carrying state.
func (f *fixture) waysWithState(state string) []sandbox.ContactWay {
	var out []sandbox.ContactWay
	for _, cw := range f.sc.Snapshot().ContactWays {
		if cw.State == state {
			out = append(out, cw)
		}
	}
	return out
}

// storeChannel is a valid store channel of 徐汇 with members g1–g3.
func (f *fixture) storeChannel() *app.Channel {
	return &app.Channel{CorpID: f.corp.ID, Name: "徐汇店门口", Kind: app.ChannelStore, StoreID: &f.xuhui, SkipVerify: true,
		Welcome: app.Welcome{Text: "欢迎光临{门店}，我是{导购}"}, TagIDs: []string{"et1"}, DailyCap: 3,
		Members: []app.ChannelMember{{UserID: "g1"}, {UserID: "g2"}, {UserID: "g3"}}}
}

// actions lists the audit actions recorded for a channel, oldest first.
func (f *fixture) actions(t *testing.T, id int64) []string {
	es, err := db.NewAuditStore(f.d).ListAudit(f.ctx, app.AuditFilter{CorpID: f.corp.ID, TargetType: "channel", TargetID: fmt.Sprint(id)})
	require.NoError(t, err)
	var out []string
	for i := len(es) - 1; i >= 0; i-- {
		out = append(out, es[i].Action+" by "+es[i].Actor)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// sandboxFault answers the next call with errcode.
func sandboxFault(errcode int) sandbox.Fault { return sandbox.Fault{ErrCode: errcode, Times: 1} }

// clientFunc is a channel.Clients made of a function.
type clientFunc func(ctx context.Context, corpID int64) (channel.ContactWays, error)

func (f clientFunc) Client(ctx context.Context, corpID int64) (channel.ContactWays, error) {
	return f(ctx, corpID)
}
