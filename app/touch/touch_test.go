package touch_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/member"
	harness "github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/app/touch"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	harness.Main(m, sandbox.Options{Seed: 13}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

// world is a running Siyu with one store, two guides and a channel.
type world struct {
	*harness.Stack
	ctx   context.Context
	store *app.Store
}

func newWorld(t *testing.T, driver, redis string) *world {
	s := harness.Start(t, sb, harness.Options{Driver: driver, RedisMode: redis})
	w := &world{Stack: s, ctx: app.WithActor(context.Background(), "user:1")}
	w.store = &app.Store{CorpID: s.Corp.ID, Code: "S1", Name: "徐汇店", Kind: app.StoreKindStore}
	require.NoError(t, s.Org.CreateStore(w.ctx, w.store))
	for _, u := range []string{"g1", "g2"} {
		require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: u, Name: "导购" + u, ContactEnabled: true}))
		require.NoError(t, s.Org.CreateGuide(w.ctx, &app.Guide{CorpID: s.Corp.ID, UserID: u, Name: "导购" + u, StoreCode: "S1", Role: app.GuideRoleGuide}))
	}
	now := time.Now().UTC()
	res, err := s.DB.SQL().Exec(`INSERT INTO channels (corp_id, state, name, kind, store_id, welcome, tag_ids, daily_cap, pick,
		backup_userid, city, latitude, longitude, status, created_at, updated_at) VALUES (?, 'tc1', '门店码', ?, ?, '{"text":"您好"}', '[]', 0, ?, '', '', 0, 0, ?, ?, ?)`,
		s.Corp.ID, app.ChannelGuide, w.store.ID, app.PickRoundRobin, app.ChannelActive, now, now)
	require.NoError(t, err)
	id, err := res.LastInsertId()
	require.NoError(t, err)
	_, err = s.DB.SQL().Exec("INSERT INTO channel_members (channel_id, corp_id, userid, position, shifts) VALUES (?, ?, 'g1', 0, 'null')", id, s.Corp.ID)
	require.NoError(t, err)
	return w
}

func eachStack(t *testing.T, fn func(t *testing.T, w *world)) {
	for _, c := range []struct{ driver, redis string }{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(c.driver, func(t *testing.T) { fn(t, newWorld(t, c.driver, c.redis)) })
	}
}

// kinds counts a customer's touches by kind.
func (w *world) kinds(t *testing.T, ext string) map[string]int {
	ts, err := w.Touch.Touches(w.ctx, w.Corp.ID, ext, 200)
	require.NoError(t, err)
	out := map[string]int{}
	for _, x := range ts {
		out[x.Kind]++
	}
	return out
}

// A customer adding a guide through a channel, the add delivered three
// times, leaves one add (with the channel and the store), one owner
// change and one welcome in the ledger.
func TestAddLeavesOneTouchEach(t *testing.T) {
	eachStack(t, func(t *testing.T, w *world) {
		w.SC.DuplicateNext(1, 3)
		added, err := w.SC.CustomerAdds(sandbox.Add{UserID: "g1", State: "tc1"})
		require.NoError(t, err)
		w.Settle(t, time.Minute)
		assert.Equal(t, map[string]int{app.TouchAdd: 1, app.TouchOwner: 1, app.TouchWelcome: 1}, w.kinds(t, added.ExternalUserID))
		ts, err := w.Touch.Touches(w.ctx, w.Corp.ID, added.ExternalUserID, 10)
		require.NoError(t, err)
		for _, x := range ts {
			assert.Equal(t, "g1", x.UserID, x.Kind)
			require.NotNil(t, x.StoreID, x.Kind)
			assert.Equal(t, w.store.ID, *x.StoreID, x.Kind)
			if x.Kind == app.TouchAdd {
				assert.Equal(t, "tc1", x.State)
				assert.NotNil(t, x.ChannelID)
			}
		}
	})
}

// A share link logs each opening for its guide, once per opening however
// often the same opening is written.
func TestShareLinks(t *testing.T) {
	eachStack(t, func(t *testing.T, w *world) {
		_, err := w.Touch.CreateShareLink(w.ctx, w.Corp.ID, touch.ShareInput{UserID: "nobody", Target: "javascript:alert(1)"})
		var fields []string
		for _, f := range app.ErrorFields(err) {
			fields = append(fields, f.Field)
		}
		assert.ElementsMatch(t, []string{"userid", "target"}, fields)

		l, err := w.Touch.CreateShareLink(w.ctx, w.Corp.ID, touch.ShareInput{UserID: "g1", Target: "https://shop.example.com/p/1", Title: "新品"})
		require.NoError(t, err)
		assert.Regexp(t, `^[a-zA-Z2-9]{8}$`, l.Code)
		mem, err := w.Member.Upsert(w.ctx, w.Corp.ID, member.Input{MemberNo: "M1"})
		require.NoError(t, err)
		for _, src := range []string{"r1", "r2", "r2"} {
			target, err := w.Touch.Click(w.ctx, l.Code, src, &mem.MemberID, "")
			require.NoError(t, err)
			assert.Equal(t, "https://shop.example.com/p/1", target)
		}
		ts, _, err := w.Touch.List(w.ctx, w.Corp.ID, app.TouchFilter{Kind: app.TouchShareClick})
		require.NoError(t, err)
		require.Len(t, ts, 2, "the same opening written twice counts once")
		assert.Equal(t, mem.MemberID, *ts[0].MemberID)
		assert.Equal(t, w.store.ID, *ts[0].StoreID)
		var d map[string]string
		require.NoError(t, json.Unmarshal([]byte(ts[0].Detail), &d))
		assert.Equal(t, l.Code, d["code"])
		_, err = w.Touch.Click(w.ctx, "nope", "r3", nil, "")
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
	})
}

// A touch of a customer who is a member carries the member.
func TestTouchLinksTheMember(t *testing.T) {
	eachStack(t, func(t *testing.T, w *world) {
		m, err := w.Member.Upsert(w.ctx, w.Corp.ID, member.Input{MemberNo: "M2", ExternalUserIDs: []string{"wm-ext-1"}})
		require.NoError(t, err)
		require.NoError(t, w.Touch.Record(w.ctx, app.Touch{CorpID: w.Corp.ID, Kind: app.TouchPanelSend, SourceID: "test:1",
			ExternalUserID: "wm-ext-1", UserID: "g2", SelfReported: true}))
		ts, err := w.Touch.Touches(w.ctx, w.Corp.ID, "wm-ext-1", 10)
		require.NoError(t, err)
		require.Len(t, ts, 1)
		require.NotNil(t, ts[0].MemberID)
		assert.Equal(t, m.MemberID, *ts[0].MemberID)
		assert.Equal(t, w.store.ID, *ts[0].StoreID, "the guide's store")
		assert.Error(t, w.Touch.Record(w.ctx, app.Touch{CorpID: w.Corp.ID, Kind: "gossip", SourceID: "x"}))
	})
}

// A customer joining g2's group through a join way records the join with
// its state, for the group's owner; members of the corp joining do not
// count, nor does the same event again.
func TestGroupJoin(t *testing.T) {
	eachStack(t, func(t *testing.T, w *world) {
		added, err := w.SC.CustomerAdds(sandbox.Add{UserID: "g2"})
		require.NoError(t, err)
		chat, err := w.SC.CreateGroup(sandbox.NewGroup{Owner: "g2", Name: "新品群"})
		require.NoError(t, err)
		w.SC.DuplicateNext(1, 2)
		require.NoError(t, w.SC.JoinGroup(chat, sandbox.Join{Members: []string{added.ExternalUserID, "g1"}, JoinScene: 3, State: "grp-spring"}))
		w.Settle(t, time.Minute)
		ts, _, err := w.Touch.List(w.ctx, w.Corp.ID, app.TouchFilter{Kind: app.TouchGroupJoin})
		require.NoError(t, err)
		require.Len(t, ts, 1)
		assert.Equal(t, added.ExternalUserID, ts[0].ExternalUserID)
		assert.Equal(t, "grp-spring", ts[0].State)
		assert.Equal(t, "g2", ts[0].UserID)
		assert.Equal(t, w.store.ID, *ts[0].StoreID)
	})
}
