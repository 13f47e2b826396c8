package db_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// directoryFixture writes five customers (wm0…wm4) followed by guide1,
// wm0 also by guide2 with tags, and ends guide1's relation with wm1.
func directoryFixture(t *testing.T, s *db.DirectoryStore, corpID int64) {
	ctx := context.Background()
	var cs []app.Customer
	var fs []app.Follow
	for i := range 5 {
		ext := fmt.Sprintf("wm%d", i)
		cs = append(cs, app.Customer{CorpID: corpID, ExternalUserID: ext, Name: "客户" + ext})
		fs = append(fs, follow(corpID, "guide1", ext, 10))
	}
	fs = append(fs, follow(corpID, "guide2", "wm0", 10, "t2", "t1"))
	require.NoError(t, s.UpsertCustomers(ctx, cs))
	require.NoError(t, s.UpsertFollows(ctx, fs))
	require.NoError(t, s.DeleteFollow(ctx, corpID, "guide1", "wm1", app.FollowDeletedByCustomer, at(20)))
}

func TestListCustomers(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c, other := newCorp(t, d, "ww_read"), newCorp(t, d, "ww_other")
		s := db.NewDirectoryStore(d)
		directoryFixture(t, s, c.ID)
		directoryFixture(t, s, other.ID)

		first, next, err := s.ListCustomers(ctx, c.ID, app.CustomerFilter{Page: app.Page{Limit: 2}})
		require.NoError(t, err)
		require.Len(t, first, 2)
		assert.Equal(t, "wm0", first[0].ExternalUserID)
		require.Len(t, first[0].Follows, 2, "both current relations of wm0")
		assert.Equal(t, []string{"t1", "t2"}, first[0].Follows[1].TagIDs)
		assert.Empty(t, first[1].Follows, "wm1's only relation ended")
		assert.Equal(t, first[1].ID, next)

		var all []string
		for p := (app.Page{Limit: 2}); ; {
			page, n, err := s.ListCustomers(ctx, c.ID, app.CustomerFilter{Page: p})
			require.NoError(t, err)
			for _, cu := range page {
				assert.Equal(t, c.ID, cu.CorpID, "never another corp's customer")
				all = append(all, cu.ExternalUserID)
			}
			if n == 0 {
				break
			}
			p.After = n
		}
		assert.Equal(t, []string{"wm0", "wm1", "wm2", "wm3", "wm4"}, all)

		mine, next, err := s.ListCustomers(ctx, c.ID, app.CustomerFilter{UserID: "guide2"})
		require.NoError(t, err)
		require.Len(t, mine, 1)
		assert.Equal(t, "wm0", mine[0].ExternalUserID)
		assert.Zero(t, next)
	})
}

func TestListFollowsGroupsTagsSyncs(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := newCorp(t, d, "ww_read2")
		s := db.NewDirectoryStore(d)
		directoryFixture(t, s, c.ID)

		fs, _, err := s.ListFollows(ctx, c.ID, app.FollowFilter{ExternalUserID: "wm1"})
		require.NoError(t, err)
		require.Len(t, fs, 1, "the ended relation is listed")
		assert.Equal(t, app.FollowDeletedByCustomer, fs[0].DeletedBy)
		fs, _, err = s.ListFollows(ctx, c.ID, app.FollowFilter{ExternalUserID: "wm1", ActiveOnly: true})
		require.NoError(t, err)
		assert.Empty(t, fs)
		fs, next, err := s.ListFollows(ctx, c.ID, app.FollowFilter{UserID: "guide1", Page: app.Page{Limit: 3}})
		require.NoError(t, err)
		assert.Len(t, fs, 3)
		rest, last, err := s.ListFollows(ctx, c.ID, app.FollowFilter{UserID: "guide1", Page: app.Page{After: next, Limit: 3}})
		require.NoError(t, err)
		assert.Len(t, rest, 2)
		assert.Zero(t, last)

		members := []app.GroupMember{{MemberID: "guide1", Type: 1}, {MemberID: "wm0", Type: 2, State: "tuan01"}}
		require.NoError(t, s.SyncGroup(ctx, &app.Group{CorpID: c.ID, ChatID: "wr1", Name: "福利群", Owner: "guide1"}, members, at(1)))
		require.NoError(t, s.SyncGroup(ctx, &app.Group{CorpID: c.ID, ChatID: "wr2", Name: "旧群", Owner: "guide1"}, members, at(1)))
		require.NoError(t, s.DismissGroup(ctx, c.ID, "wr2", at(2)))
		gs, _, err := s.ListGroups(ctx, c.ID, app.Page{})
		require.NoError(t, err)
		require.Len(t, gs, 2)
		assert.Len(t, gs[0].Members, 2)
		assert.Equal(t, "tuan01", gs[0].Members[1].State)
		assert.NotNil(t, gs[1].DismissedAt)
		assert.Empty(t, gs[1].Members, "a dismissed group has no current members")

		lib := []app.TagGroup{{GroupID: "g1", Name: "等级", Tags: []app.Tag{{TagID: "t1", Name: "金卡"}, {TagID: "t2", Name: "银卡"}}}}
		require.NoError(t, s.ReplaceCorpTags(ctx, c.ID, lib, at(1)))
		tags, _, err := s.ListTagGroups(ctx, c.ID, app.Page{})
		require.NoError(t, err)
		require.Len(t, tags, 1)
		assert.Equal(t, []string{"t1", "t2"}, tagIDs(tags[0]))

		for range 3 {
			run, _, err := s.CreateSync(ctx, c.ID)
			require.NoError(t, err)
			run.Status = app.SyncDone
			require.NoError(t, s.SaveSync(ctx, run))
		}
		runs, next, err := s.ListSyncRuns(ctx, c.ID, app.Page{Limit: 2})
		require.NoError(t, err)
		require.Len(t, runs, 2)
		assert.Greater(t, runs[0].ID, runs[1].ID, "newest first")
		older, last, err := s.ListSyncRuns(ctx, c.ID, app.Page{After: next})
		require.NoError(t, err)
		assert.Len(t, older, 1)
		assert.Zero(t, last)
	})
}
