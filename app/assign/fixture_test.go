package assign_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// chain is the test's store chain: stores, guides (in id order), and the
// channels added through.
type chain struct {
	stores   map[string]*app.Store
	guides   []*app.Guide
	byUser   map[string]*app.Guide
	channels map[string]*app.Channel // by state
}

func micro(deg float64) *int64 { v := int64(deg * 1e6); return &v }

func (s *stack) newChain(t testing.TB) *chain {
	ctx := context.Background()
	org := db.NewOrgStore(s.db)
	c := &chain{stores: map[string]*app.Store{}, byUser: map[string]*app.Guide{}, channels: map[string]*app.Channel{}}
	for _, st := range []app.Store{
		{Code: "S1", Name: "徐汇店", City: "上海", Latitude: micro(31.19), Longitude: micro(121.44)},
		{Code: "S2", Name: "浦东店", City: "上海", Latitude: micro(31.22), Longitude: micro(121.54)},
		{Code: "S3", Name: "西湖店", City: "杭州", Latitude: micro(30.25), Longitude: micro(120.15)},
		{Code: "ON", Name: "线上团队", Kind: app.StoreKindOnline},
	} {
		st.CorpID, st.Status = s.corp.ID, app.StoreOpen
		if st.Kind == "" {
			st.Kind = app.StoreKindStore
		}
		require.NoError(t, org.CreateStore(ctx, &st))
		c.stores[st.Code] = &st
	}
	for _, code := range []string{"S1", "S2", "S3"} {
		for j := 1; j <= 5; j++ {
			c.addGuide(t, s, fmt.Sprintf("%sg%d", code, j), code, app.GuideRoleGuide)
		}
	}
	c.addGuide(t, s, "S3m", "S3", app.GuideRoleManager)
	c.addGuide(t, s, "ON1", "ON", app.GuideRoleGuide)
	c.addGuide(t, s, "ON2", "ON", app.GuideRoleGuide)
	return c
}

func (c *chain) addGuide(t testing.TB, s *stack, userID, store, role string) {
	g := &app.Guide{CorpID: s.corp.ID, UserID: userID, StoreID: c.stores[store].ID, Role: role, Status: app.GuideActive}
	require.NoError(t, db.NewOrgStore(s.db).CreateGuide(context.Background(), g))
	require.NoError(t, s.sc.AddMember(sandbox.Member{UserID: userID, Name: "导购" + userID, ContactEnabled: true}))
	c.guides = append(c.guides, g)
	c.byUser[userID] = g
}

// addChannel stores ch (state, kind, rules, members) as the channel
// service would.
func (c *chain) addChannel(t testing.TB, s *stack, ch app.Channel) {
	ch.CorpID, ch.Status, ch.Welcome = s.corp.ID, app.ChannelActive, app.Welcome{Text: welcomeText}
	if ch.Pick == "" {
		ch.Pick = app.PickRoundRobin
	}
	welcome, _ := json.Marshal(ch.Welcome)
	now := time.Now().UTC()
	res, err := s.db.SQL().Exec(`INSERT INTO channels (corp_id, state, name, kind, store_id, welcome, tag_ids, daily_cap, pick,
		backup_userid, city, latitude, longitude, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ch.CorpID, ch.State, ch.State, ch.Kind, ch.StoreID, string(welcome), ch.DailyCap, ch.Pick, ch.BackupUserID,
		ch.City, ch.Latitude, ch.Longitude, ch.Status, now, now)
	require.NoError(t, err)
	ch.ID, err = res.LastInsertId()
	require.NoError(t, err)
	for i, m := range ch.Members {
		shifts, _ := json.Marshal(m.Shifts)
		_, err := s.db.SQL().Exec("INSERT INTO channel_members (channel_id, corp_id, userid, position, shifts) VALUES (?, ?, ?, ?, ?)",
			ch.ID, ch.CorpID, m.UserID, i, string(shifts))
		require.NoError(t, err)
		ch.Members[i].Position = i
	}
	c.channels[ch.State] = &ch
}

func members(shifts []app.Shift, userIDs ...string) []app.ChannelMember {
	out := make([]app.ChannelMember, len(userIDs))
	for i, u := range userIDs {
		out[i] = app.ChannelMember{UserID: u, Shifts: shifts}
	}
	return out
}

var (
	weekdays = []app.Shift{{Days: []int{1, 2, 3, 4, 5}, From: 9 * 60, To: 18 * 60}}
	lateDays = []app.Shift{{Days: []int{1, 2, 3, 4, 5}, From: 12 * 60, To: 21 * 60}}
	weekends = []app.Shift{{Days: []int{0, 6}, From: 10 * 60, To: 22 * 60}, {Days: []int{5}, From: 22 * 60, To: 2 * 60}}
	daily    = []app.Shift{{Days: []int{0, 1, 2, 3, 4, 5, 6}, From: 9 * 60, To: 21 * 60}}
)

// standardChannels: a round-robin store code with staggered shifts, a
// least-loaded one, a round-robin one with a backup manager, a guide's
// personal code, and an online code near S2.
func (c *chain) standardChannels(t testing.TB, s *stack) {
	s1, s2, s3 := &c.stores["S1"].ID, &c.stores["S2"].ID, &c.stores["S3"].ID
	ch1 := members(weekdays, "S1g1", "S1g2")
	ch1 = append(ch1, members(lateDays, "S1g3")...)
	ch1 = append(ch1, members(weekends, "S1g4", "S1g5")...)
	c.addChannel(t, s, app.Channel{State: "st1", Kind: app.ChannelStore, StoreID: s1, DailyCap: 4, Members: ch1})
	ch2 := members(daily, "S2g1", "S2g2", "S2g3", "S2g4")
	ch2 = append(ch2, members(nil, "S2g5")...)
	c.addChannel(t, s, app.Channel{State: "st2", Kind: app.ChannelStore, StoreID: s2, DailyCap: 3, Pick: app.PickLeastLoaded, Members: ch2})
	c.addChannel(t, s, app.Channel{State: "st3", Kind: app.ChannelStore, StoreID: s3, DailyCap: 2, BackupUserID: "S3m",
		Members: members([]app.Shift{{Days: []int{1, 2, 3, 4, 5}, From: 10 * 60, To: 19 * 60}}, "S3g1", "S3g2", "S3g3", "S3g4", "S3g5")})
	c.addChannel(t, s, app.Channel{State: "gd1", Kind: app.ChannelGuide, DailyCap: 5, BackupUserID: "S1g2", Members: members(nil, "S1g1")})
	c.addChannel(t, s, app.Channel{State: "on1", Kind: app.ChannelOnline, City: "上海", Latitude: micro(31.23), Longitude: micro(121.55),
		Members: members(nil, "ON1", "ON2")})
}
