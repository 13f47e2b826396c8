package digest_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/digest"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 41}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

const base = "https://siyu.example"

// world is a corp with two stores, each with a manager and a guide, and
// the digest on the sandbox's clock.
type world struct {
	s      *stack.Stack
	digest *digest.Service
	stores map[string]*app.Store // by manager
}

func newWorld(t *testing.T, driver, redis string) *world {
	s := stack.Start(t, sb, stack.Options{Driver: driver, RedisMode: redis})
	ctx := app.WithActor(context.Background(), "cli:test")
	cfg := s.SC.Config()
	s.Corp.AgentID, s.Corp.AgentSecret = strconv.Itoa(cfg.AgentID), cfg.AppSecret
	require.NoError(t, s.Stores.Corps.UpdateCorpCredentials(ctx, s.Corp))
	w := &world{s: s, stores: map[string]*app.Store{}}
	for i, name := range []string{"徐汇店", "静安店"} {
		code := "S" + strconv.Itoa(i+1)
		st := &app.Store{CorpID: s.Corp.ID, Code: code, Name: name, Kind: app.StoreKindStore, Status: app.StoreOpen}
		require.NoError(t, s.Org.CreateStore(ctx, st))
		for _, g := range []struct{ id, role string }{{"m" + code, app.GuideRoleManager}, {"g" + code, app.GuideRoleGuide}} {
			require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: g.id, Name: g.id, ContactEnabled: true}))
			require.NoError(t, s.Org.CreateGuide(ctx, &app.Guide{CorpID: s.Corp.ID, UserID: g.id, Name: "店员" + g.id, StoreCode: code,
				Role: g.role, Status: app.GuideActive}))
		}
		w.stores["m"+code] = st
	}
	d := s.DigestDeps(root.Options{PanelURL: func() string { return base }, DigestHour: 9})
	d.Now = s.SC.Now
	w.digest = digest.New(d)
	return w
}

// at sets the sandbox's clock to hh:mm of day in Shanghai.
func (w *world) at(day string, hh, mm int) {
	d, _ := time.ParseInLocation(time.DateOnly, day, app.ZoneNamed("Asia/Shanghai"))
	w.s.SC.Clock().Set(d.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute))
}

func storeRow(corpID int64, day string, st *app.Store, f app.Figures) app.DailyStat {
	return app.DailyStat{CorpID: corpID, Day: day, Dim: app.StatStore, Key: strconv.FormatInt(st.ID, 10), StoreID: st.ID, Figures: f}
}

func TestDigest(t *testing.T) {
	for _, c := range []struct{ driver, redis string }{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(c.driver, func(t *testing.T) { testDigest(t, newWorld(t, c.driver, c.redis)) })
	}
}

func testDigest(t *testing.T, w *world) {
	ctx, corp := context.Background(), w.s.Corp.ID
	xh, ja := w.stores["mS1"], w.stores["mS2"]
	testkit.InsertDailyStats(t, w.s.DB,
		storeRow(corp, "2026-11-30", xh, app.Figures{Adds: 9}),
		storeRow(corp, "2026-12-01", xh, app.Figures{Adds: 12, Ends: 2, Removals: 1, Orders: 3, SalesCents: 123450, RefundCents: 450,
			Welcomes: 10, WelcomesSent: 9, TasksDue: 4, TasksOverdue: 1, MSTasks: 2, MSConfirmed: 1, MSDelivered: 30}),
		storeRow(corp, "2026-12-01", ja, app.Figures{Adds: 5}))

	w.at("2026-12-02", 8, 55)
	require.NoError(t, w.digest.Run(ctx, corp))
	assert.Empty(t, w.s.SC.AppMessages(), "nothing before the digest hour")

	w.at("2026-12-02", 9, 5)
	var wg sync.WaitGroup
	for range 3 { // three schedulers' runs at once
		wg.Go(func() { assert.NoError(t, w.digest.Run(ctx, corp)) })
	}
	wg.Wait()
	require.NoError(t, w.digest.Run(ctx, corp))

	msgs := map[string]sandbox.AppMessage{}
	for _, m := range w.s.SC.AppMessages() {
		require.Empty(t, m.Dropped)
		_, twice := msgs[m.UserID]
		require.False(t, twice, "%s got two digests", m.UserID)
		msgs[m.UserID] = m
	}
	require.Len(t, msgs, 2, "one digest per store manager, none to guides")
	m := msgs["mS1"]
	assert.Equal(t, "徐汇店 12月1日经营日报", m.Title)
	assert.Equal(t, base+"/console/dash/overview?from=2026-12-01&to=2026-12-01", m.URL)
	assert.Equal(t, "新增客户 12（前日 9）｜流失 2｜净增 9\n归属业绩 ¥1,230.00（3 单，前日 ¥0.00）\n欢迎语发送 90%｜待办按时 75%\n群发确认 1/2｜送达 30 人\n裂变助力 0｜社群SOP完成 0/0（自报）",
		digest.Plain(m.Content))
	assert.LessOrEqual(t, len(m.Content), 512, "WeCom's textcard description limit")
	assert.Contains(t, msgs["mS2"].Content, "新增客户 5（前日 0）")

	sent, err := db.NewDigestStore(w.s.DB).Digests(ctx, corp, "2026-12-01")
	require.NoError(t, err)
	require.Len(t, sent, 2)
	for _, d := range sent {
		assert.Equal(t, app.DigestSent, d.Status, d.UserID)
		assert.NotEmpty(t, d.MsgID)
	}

	w.at("2026-12-03", 9, 0) // the next day: a new digest each
	require.NoError(t, w.digest.Run(ctx, corp))
	assert.Len(t, w.s.SC.AppMessages(), 4)
}

// TestBodyFitsTheCard: the largest figures still leave a description
// WeCom takes (512 bytes), dropping lines from the end.
func TestBodyFitsTheCard(t *testing.T) {
	big := app.Figures{Adds: 9e12, Ends: 9e12, SalesCents: 9e15, Orders: 9e12, Welcomes: 9e12, WelcomesSent: 9e12, TasksDue: 9e12,
		MSTasks: 9e12, MSConfirmed: 9e12, MSDelivered: 9e12, Helps: 9e12, SOPDue: 9e12, SOPDone: 9e12}
	b := digest.Body(big, big)
	assert.LessOrEqual(t, len(b), 512)
	assert.Contains(t, digest.Plain(b), "新增客户 9000000000000")
}
