package db_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// groupSOPWorld writes 30 groups over three owners (two in store 0, one
// in store 1), every tenth dismissed, named 福利群/新品群 in turn.
func groupSOPWorld(t *testing.T, d *db.DB) (corpID int64, stores []int64) {
	ctx := context.Background()
	c := &app.Corp{CorpID: "ww_gs", Name: "群SOP"}
	require.NoError(t, db.NewCorpStore(d, testkit.Box(t)).CreateCorp(ctx, c))
	org, dir := db.NewOrgStore(d), db.NewDirectoryStore(d)
	for i := range 2 {
		st := &app.Store{CorpID: c.ID, Code: fmt.Sprintf("S%d", i), Name: fmt.Sprintf("门店%d", i), Status: app.StoreOpen}
		require.NoError(t, org.CreateStore(ctx, st))
		stores = append(stores, st.ID)
	}
	for i, u := range []string{"o0", "o1", "o2"} {
		g := &app.Guide{CorpID: c.ID, UserID: u, Name: "群主" + u, StoreID: stores[i/2], Role: app.GuideRoleGuide, Status: app.GuideActive}
		require.NoError(t, org.CreateGuide(ctx, g))
	}
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for i := range 30 {
		name := []string{"福利群", "新品_群"}[i%2] + fmt.Sprint(i)
		g := &app.Group{CorpID: c.ID, ChatID: fmt.Sprintf("wr%02d", i), Name: name, Owner: fmt.Sprintf("o%d", i%3), CreateTime: &at}
		members := []app.GroupMember{{MemberID: "wm" + fmt.Sprint(i), Type: 2, JoinTime: &at}}
		require.NoError(t, dir.SyncGroup(ctx, g, members, at))
		if i%10 == 9 {
			require.NoError(t, dir.DismissGroup(ctx, c.ID, g.ChatID, at))
		}
	}
	return c.ID, stores
}

func TestGroupSOPStore(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		corpID, stores := groupSOPWorld(t, d)
		s := db.NewGroupSOPStore(d)
		t.Run("MatchGroups", func(t *testing.T) {
			cases := []struct {
				name string
				sel  app.GroupSelection
				want func(i int) bool
			}{
				{"All", app.GroupSelection{}, func(i int) bool { return true }},
				{"Owners", app.GroupSelection{Owners: []string{"o0", "o2"}}, func(i int) bool { return i%3 != 1 }},
				{"Store1", app.GroupSelection{StoreIDs: []int64{stores[1]}}, func(i int) bool { return i%3 == 2 }},
				{"NameLiteralUnderscore", app.GroupSelection{NameContains: "品_"}, func(i int) bool { return i%2 == 1 }},
				{"Both", app.GroupSelection{StoreIDs: []int64{stores[0]}, NameContains: "福利"}, func(i int) bool { return i%3 != 2 && i%2 == 0 }},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					var want []string
					for i := range 30 {
						if i%10 != 9 && tc.want(i) {
							want = append(want, fmt.Sprintf("wr%02d", i))
						}
					}
					gs, err := s.MatchGroups(ctx, corpID, tc.sel)
					require.NoError(t, err)
					var got []string
					for _, g := range gs {
						got = append(got, g.ChatID)
					}
					assert.Equal(t, want, got)
					n, err := s.CountGroups(ctx, corpID, tc.sel)
					require.NoError(t, err)
					assert.Equal(t, int64(len(want)), n)
				})
			}
		})
		t.Run("FiresOnceConcurrently", func(t *testing.T) {
			sop := &app.GroupSOP{CorpID: corpID, Name: "周一早安", Status: app.GroupSOPActive, NextStepID: 2,
				Steps: []app.GroupSOPStep{{ID: 1, Kind: app.GroupStepWeekly, Weekday: 1, At: "09:00", Content: "早安"}}}
			require.NoError(t, s.CreateSOP(ctx, sop))
			var wg sync.WaitGroup
			for range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var fs []app.GroupSOPFire
					for i := range 20 {
						fs = append(fs, app.GroupSOPFire{CorpID: corpID, SOPID: sop.ID, StepID: 1, ChatID: fmt.Sprintf("wr%02d", i), Occurrence: "2026-12-07", Owner: "o0", DueAt: time.Now()})
					}
					assert.NoError(t, s.RecordFires(ctx, fs))
				}()
			}
			wg.Wait()
			all, err := s.Fires(ctx, corpID, sop.ID)
			require.NoError(t, err)
			assert.Len(t, all, 20)
			pending, err := s.PendingFires(ctx, corpID, sop.ID, 0, 100)
			require.NoError(t, err)
			require.Len(t, pending, 20)
			require.NoError(t, s.FinishFire(ctx, corpID, pending[0].ID))
			pending, err = s.PendingFires(ctx, corpID, sop.ID, 0, 100)
			require.NoError(t, err)
			assert.Len(t, pending, 19)
		})
		t.Run("ErrConflict", func(t *testing.T) {
			err := s.CreateSOP(ctx, &app.GroupSOP{CorpID: corpID, Name: "周一早安", Status: app.GroupSOPActive})
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "%v", err)
		})
	})
}
