package masssend_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/masssend"
	"github.com/siyu-scrm/siyu/app/material"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary; each test has a corp
// of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 23}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

// world is a running Siyu with store S1 and guides g1…g3 whose customers
// added them (assignment made each guide their customers' owner), and a
// mass-send service of the test's own: chunks of 4, a limit of 1 a day,
// one guide at a time (g1 first), a one-second lease, and the sandbox's
// clock, which the test moves on for the ledger alone.
type world struct {
	s         *stack.Stack
	ctx       context.Context
	svc       *masssend.Service
	store     *db.MassSendStore
	materials *material.Service
	offset    atomic.Int64
	customers map[string][]string
}

const chunkSize = 4

func newWorld(t *testing.T, driver, redis string, adds map[string]int) *world {
	s := stack.Start(t, sb, stack.Options{Driver: driver, RedisMode: redis})
	w := &world{s: s, ctx: app.WithActor(context.Background(), "user:1"), store: db.NewMassSendStore(s.DB), customers: map[string][]string{}}
	st := &app.Store{CorpID: s.Corp.ID, Code: "S1", Name: "徐汇店", Kind: app.StoreKindStore, Status: app.StoreOpen}
	require.NoError(t, s.Org.CreateStore(w.ctx, st))
	for u, n := range adds {
		require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: u, Name: "导购" + u, ContactEnabled: true}))
		require.NoError(t, s.Org.CreateGuide(w.ctx, &app.Guide{CorpID: s.Corp.ID, UserID: u, Name: "导购" + u, StoreCode: "S1", Role: app.GuideRoleGuide, Status: app.GuideActive}))
		for range n {
			a, err := s.SC.CustomerAdds(sandbox.Add{UserID: u})
			require.NoError(t, err)
			w.customers[u] = append(w.customers[u], a.ExternalUserID)
		}
	}
	s.Settle(t, 30*time.Second)
	s.SC.SetMassSendLimit(sandbox.MassSendLimit{Count: 1, Period: "day"})
	clock := func() time.Time { return s.SC.Now().Add(time.Duration(w.offset.Load())) }
	w.materials = material.New(material.Deps{Store: db.NewMaterialStore(s.DB), Clients: wecom.As[material.WeCom](s.Clients), Now: clock})
	w.svc = masssend.New(masssend.Deps{Tx: s.DB, Store: w.store, Corps: s.Stores.Corps, Tasks: s.Todo, Touches: s.Touch,
		Clients: wecom.As[masssend.WeCom](s.Clients), Media: w.materials, Log: s.Graph.MassSends.Log,
		Options: masssend.Options{ChunkSize: chunkSize, Limit: app.MassSendLimit{Count: 1, Period: "day"}, Lease: time.Second, Grace: time.Second, Workers: 1},
		Now:     clock})
	return w
}

// later moves the service's clock on by d (leases run out).
func (w *world) later(d time.Duration) { w.offset.Add(int64(d)) }

func eachStack(t *testing.T, adds map[string]int, fn func(t *testing.T, w *world)) {
	for _, c := range []struct{ driver, redis string }{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(c.driver, func(t *testing.T) { fn(t, newWorld(t, c.driver, c.redis, adds)) })
	}
}

// all lists every customer of the world.
func (w *world) all() []string {
	var out []string
	for _, u := range []string{"g1", "g2", "g3"} {
		out = append(out, w.customers[u]...)
	}
	return out
}

// send creates a send to a list and returns it.
func (w *world) send(t *testing.T, name string, exts []string, holdout int) *app.MassSend {
	ms, err := w.svc.Create(w.ctx, w.s.Corp.ID, app.MassSendInput{Name: name, Text: "双十二会员专享：" + name,
		Audience: app.MassSendAudience{Kind: app.AudienceList, ExternalUserIDs: exts}, HoldoutPercent: holdout,
		Attachments: []app.MassSendAttachment{{MsgType: "link", Link: &app.MassSendLink{Title: "活动", URL: "https://example.com/a"}}}})
	require.NoError(t, err)
	return ms
}

// sandboxSends are the sandbox's mass sends with a send's text, by
// sender: each one's customers.
func (w *world) sandboxSends(ms *app.MassSend) map[string][][]string {
	out := map[string][][]string{}
	for _, m := range w.s.SC.MassSends() {
		if m.Text != ms.Text {
			continue
		}
		var exts []string
		for _, r := range m.Results {
			exts = append(exts, r.ExternalUserID)
		}
		out[m.Tasks[0].UserID] = append(out[m.Tasks[0].UserID], exts)
	}
	return out
}

// confirm has every guide of the send's sandbox tasks send them.
func (w *world) confirm(t *testing.T, ms *app.MassSend, users ...string) {
	for _, m := range w.s.SC.MassSends() {
		if m.Text != ms.Text {
			continue
		}
		for _, task := range m.Tasks {
			for _, u := range users {
				if task.UserID == u && task.Status == 0 {
					require.NoError(t, w.s.SC.MemberConfirmsMassSend(m.MsgID, u), fmt.Sprint(m.MsgID, u))
				}
			}
		}
	}
}
