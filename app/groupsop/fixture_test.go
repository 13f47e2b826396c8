package groupsop_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/groupsop"
	"github.com/siyu-scrm/siyu/app/remind"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary; each test has a corp
// of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 26}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

// eachBackend runs fn on MariaDB + Redis and on SQLite + miniredis.
func eachBackend(t *testing.T, fn func(t *testing.T, w *world)) {
	for _, tc := range []struct{ name, driver, redis string }{
		{"mysql", config.DriverMySQL, config.RedisStandalone},
		{"sqlite", config.DriverSQLite, config.RedisEmbedded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fn(t, newWorld(t, stack.Start(t, sb, stack.Options{Driver: tc.driver, RedisMode: tc.redis})))
		})
	}
}

// world is a running stack whose corp has its self-built app, with the
// group SOP and reminder services on the sandbox's clock.
type world struct {
	s      *stack.Stack
	sops   *groupsop.Service
	remind *remind.Service
	zone   *time.Location
}

func newWorld(t *testing.T, s *stack.Stack) *world {
	cfg := s.SC.Config()
	s.Corp.AgentID, s.Corp.AgentSecret = strconv.Itoa(cfg.AgentID), cfg.AppSecret
	require.NoError(t, s.Stores.Corps.UpdateCorpCredentials(context.Background(), s.Corp))
	d := s.RemindDeps(root.Options{PanelURL: func() string { return "https://siyu.example" }})
	d.Now = s.SC.Now
	w := &world{s: s, remind: remind.New(d), zone: app.ZoneNamed(s.Corp.Timezone)}
	w.restart()
	return w
}

// restart builds a fresh group SOP service from the graph's, as a new
// process would: nothing but the database carries over.
func (w *world) restart() {
	sops := *w.s.GroupSOPs
	sops.Now = w.s.SC.Now
	w.sops = &sops
}

// groups writes n groups into the mirror, owned in turn by owners, the
// i-th created i*7 hours before now; each owner is a sandbox member.
func (w *world) groups(t *testing.T, owners []string, n int) []app.Group {
	ctx, now := context.Background(), w.s.SC.Now()
	for _, o := range owners {
		require.NoError(t, w.s.SC.AddMember(sandbox.Member{UserID: o, Name: "群主" + o, ContactEnabled: true}))
	}
	var out []app.Group
	for i := range n {
		created := now.Add(-time.Duration(i*7) * time.Hour).UTC()
		g := app.Group{CorpID: w.s.Corp.ID, ChatID: fmt.Sprintf("wrSOP%04d", i), Name: fmt.Sprintf("福利群%d", i),
			Owner: owners[i%len(owners)], CreateTime: &created}
		require.NoError(t, w.s.Stores.Directory.SyncGroup(ctx, &g, nil, now))
		out = append(out, g)
	}
	return out
}
