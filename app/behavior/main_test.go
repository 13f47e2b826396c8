package behavior_test

import (
	"context"
	"math"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 15}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

const apiBehavior = "externalcontact/get_user_behavior_data"

// TestBehavior runs each scenario on SQLite with the embedded Redis and
// on MariaDB with Redis: one running Siyu per backend (building one is
// most of the cost), a corp of its own per scenario.
func TestBehavior(t *testing.T) {
	scenarios := []struct {
		name string
		run  func(t *testing.T, w *world)
	}{
		{"FirstPullThenDaily", testFirstPullThenDaily},
		{"ResumesFromMarks", testResumesFromMarks},
		{"TickStartsOnePullADay", testTickStartsOnePullADay},
		{"StoreKeepsLatest", testStoreKeepsLatest},
	}
	for _, b := range []struct{ driver, redis string }{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(b.driver, func(t *testing.T) {
			s := stack.Start(t, sb, stack.Options{Driver: b.driver, RedisMode: b.redis})
			var current atomic.Pointer[sandbox.Corp] // the scenario's corp, whose clock the pull reads
			s.Behavior.Clock = func() time.Time { return current.Load().Now() }
			for _, sc := range scenarios {
				t.Run(sc.name, func(t *testing.T) {
					w := newWorld(t, s)
					current.Store(w.sc)
					sc.run(t, w)
				})
			}
		})
	}
}

// world is a corp of the running Siyu with store S1, active guides g1
// and g2 and g3 who left (all three WeCom members with 客户联系); its
// sandbox clock starts at Monday 2026-01-05 09:00, Beijing.
type world struct {
	s     *stack.Stack
	ctx   context.Context
	corp  *app.Corp
	sc    *sandbox.Corp
	today string // the statistics day the sandbox is on
}

func newWorld(t *testing.T, s *stack.Stack) *world {
	cfg := sandbox.NewCorpConfig(testkit.RandomName("ww"))
	sc, err := sb.AddCorp(cfg)
	require.NoError(t, err)
	w := &world{s: s, ctx: app.WithActor(context.Background(), "user:1"), sc: sc, today: wecom.StatsDay(sc.Now()),
		corp: &app.Corp{CorpID: cfg.CorpID, Name: "测试连锁", Timezone: "Asia/Shanghai", ContactSecret: cfg.ContactSecret}}
	require.NoError(t, s.Stores.Corps.CreateCorp(w.ctx, w.corp))
	st := &app.Store{CorpID: w.corp.ID, Code: "S1", Name: "徐汇店", Kind: app.StoreKindStore, Status: app.StoreOpen}
	require.NoError(t, s.Org.CreateStore(w.ctx, st))
	for _, u := range []string{"g1", "g2", "g3"} {
		require.NoError(t, sc.AddMember(sandbox.Member{UserID: u, Name: "导购" + u, ContactEnabled: true}))
		g := &app.Guide{CorpID: w.corp.ID, UserID: u, Name: "导购" + u, StoreCode: "S1", Role: app.GuideRoleGuide, Status: app.GuideActive}
		require.NoError(t, s.Org.CreateGuide(w.ctx, g))
		if u == "g3" {
			require.NoError(t, s.Org.LeaveGuide(w.ctx, w.corp.ID, g.ID))
		}
	}
	return w
}

// day is the statistics day n days before the world's today.
func (w *world) day(n int) string {
	d, _ := time.Parse(time.DateOnly, w.today)
	return d.AddDate(0, 0, -n).Format(time.DateOnly)
}

// localDay is the corp's day now (the pull's key).
func (w *world) localDay() string {
	return w.sc.Now().In(app.ZoneNamed(w.corp.Timezone)).Format(time.DateOnly)
}

// pull runs the corp's pull of its local day.
func (w *world) pull() error { return w.s.Behavior.Pull(w.ctx, w.corp.ID, w.localDay()) }

// held is what the sandbox holds for a guide's day, written as Siyu should
// store it: the percentage in basis points, minutes in hundredths, the
// reply figures absent when WeCom leaves them out.
func (w *world) held(userID, day string) app.BehaviorDay {
	b := w.sc.BehaviorOf(userID, at(day))
	out := app.BehaviorDay{CorpID: w.corp.ID, UserID: userID, Day: day, ChatCnt: int64(b.ChatCnt), MessageCnt: int64(b.MessageCnt),
		NegativeFeedbackCnt: int64(b.NegativeFeedbackCnt), NewApplyCnt: int64(b.NewApplyCnt), NewContactCnt: int64(b.NewContactCnt)}
	if b.HasReply() {
		bp, mins := int64(math.Round(b.ReplyPercentage*100)), int64(b.AvgReplyTime)*100
		out.ReplyPctBP, out.AvgReplyTimeX100 = &bp, &mins
	}
	return out
}

// heldRows is what the sandbox holds for users over the days from back
// to to back (days before today), ordered as stored: by day, then userid.
func (w *world) heldRows(users []string, from, to int) []app.BehaviorDay {
	var out []app.BehaviorDay
	for n := from; n >= to; n-- {
		for _, u := range users {
			out = append(out, w.held(u, w.day(n)))
		}
	}
	return out
}

// stored is the corp's rows of the days from to to, pulled_at cleared.
func (w *world) stored(t testing.TB, from, to string) []app.BehaviorDay {
	rows, err := w.s.BehaviorStore.BehaviorDays(w.ctx, w.corp.ID, from, to)
	require.NoError(t, err)
	for i := range rows {
		require.False(t, rows[i].PulledAt.IsZero())
		rows[i].PulledAt = time.Time{}
	}
	return rows
}

// at is noon of a Beijing statistics day.
func at(day string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, day, time.FixedZone("CST", 8*3600))
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

// callDays are the days each answered call from the from-th on asked
// for, per userid, as "from..to" statistics days.
func (w *world) callDays(from int) map[string][]string {
	out := map[string][]string{}
	for _, call := range w.sc.BehaviorCalls()[from:] {
		for _, u := range call.UserIDs {
			out[u] = append(out[u], wecom.StatsDay(call.Start)+".."+wecom.StatsDay(call.End))
		}
	}
	return out
}

// spansBack are the spans of 30 days from n days back to yesterday.
func (w *world) spansBack(n int) []string {
	var out []string
	for from := n; from > 0; from -= 30 {
		out = append(out, w.day(from)+".."+w.day(max(from-29, 1)))
	}
	return out
}
