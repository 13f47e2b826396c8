package remind_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/remind"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary; each test has a corp
// of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 23}, func(s *sandbox.Sandbox, _ string) { sb = s })
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

// world is a running stack whose corp has its self-built app, and a
// reminder service on the sandbox's clock.
type world struct {
	s      *stack.Stack
	remind *remind.Service
	// customers are each guide's customers, by name in the sandbox.
	customers map[string][]string
	names     map[string]string // external_userid → name
}

const panelBase = "https://siyu.example"

func newWorld(t *testing.T, s *stack.Stack) *world {
	cfg := s.SC.Config()
	s.Corp.AgentID, s.Corp.AgentSecret = strconv.Itoa(cfg.AgentID), cfg.AppSecret
	require.NoError(t, s.Stores.Corps.UpdateCorpCredentials(context.Background(), s.Corp))
	d := s.RemindDeps(root.Options{PanelURL: func() string { return panelBase }})
	d.Now = s.SC.Now
	return &world{s: s, remind: remind.New(d), customers: map[string][]string{}, names: map[string]string{}}
}

// guide adds member userID with n customers, each with a name, and waits
// for Siyu to read them.
func (w *world) guide(t *testing.T, userID string, n int) {
	require.NoError(t, w.s.SC.AddMember(sandbox.Member{UserID: userID, Name: "导购" + userID, ContactEnabled: true}))
	for i := range n {
		name := fmt.Sprintf("%s的客户%d", userID, i)
		a, err := w.s.SC.CustomerAdds(sandbox.Add{UserID: userID, Customer: sandbox.Customer{Name: name}})
		require.NoError(t, err)
		w.customers[userID] = append(w.customers[userID], a.ExternalUserID)
		w.names[a.ExternalUserID] = name
	}
	w.s.Settle(t, 60*time.Second)
}

// task gives userID a task of kind about their i-th customer.
func (w *world) task(t *testing.T, userID string, i int, kind string) {
	_, err := w.s.Todo.CreateTask(context.Background(), &app.GuideTask{CorpID: w.s.Corp.ID, UserID: userID,
		ExternalUserID: w.customers[userID][i], Kind: kind, Title: "第" + strconv.Itoa(i) + "步", Content: "您好",
		Source: fmt.Sprintf("test:%s:%d", userID, i)})
	require.NoError(t, err)
}

// sweep runs one sweep of the corp.
func (w *world) sweep(t *testing.T) {
	require.NoError(t, w.remind.Sweep(context.Background(), w.s.Corp.ID))
}

// batches reads every batch of the corp, oldest first.
func (w *world) batches(t *testing.T) []app.ReminderBatch {
	var out []app.ReminderBatch
	for after := int64(0); ; {
		p, err := w.remind.ListReminders(context.Background(), w.s.Corp.ID, app.ReminderFilter{Page: app.Page{After: after, Limit: 200}})
		require.NoError(t, err)
		out = append(out, p.Batches...)
		if after = p.Next; after == 0 {
			slices.SortFunc(out, func(a, b app.ReminderBatch) int { return cmp.Compare(a.ID, b.ID) })
			return out
		}
	}
}

// delivered counts the sandbox's delivered app messages per member, and
// fails on any message WeCom would have dropped.
func delivered(t *testing.T, sc *sandbox.Corp) map[string]int {
	out := map[string]int{}
	for _, m := range sc.AppMessages() {
		require.Empty(t, m.Dropped, "message %s to %s was dropped", m.MsgID, m.UserID)
		out[m.UserID]++
	}
	return out
}

// maxInWindow is the most messages any member got within d, by a plain
// pass over the log.
func maxInWindow(msgs []sandbox.AppMessage, d time.Duration) int {
	best := 0
	for i, a := range msgs {
		n := 0
		for _, b := range msgs[i:] {
			if b.UserID == a.UserID && b.Time.Sub(a.Time) < d {
				n++
			}
		}
		best = max(best, n)
	}
	return best
}
