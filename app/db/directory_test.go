package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

func at(sec int64) time.Time { return time.Unix(1700000000+sec, 0).UTC() }

func follow(corpID int64, user, ext string, added int64, tags ...string) app.Follow {
	t := at(added)
	now := time.Now().UTC()
	return app.Follow{CorpID: corpID, UserID: user, ExternalUserID: ext, AddTime: &t, Remark: "备注" + user, TagIDs: tags, SyncedAt: &now}
}

func activePairs(t *testing.T, s *db.DirectoryStore, corpID int64) map[string][]string {
	fs, err := s.ActiveFollows(context.Background(), corpID)
	require.NoError(t, err)
	out := map[string][]string{}
	for _, f := range fs {
		out[f.UserID+"|"+f.ExternalUserID] = f.TagIDs
	}
	return out
}

func TestFollowOrderSafety(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := newCorp(t, d, "ww_dir")
		s := db.NewDirectoryStore(d)

		require.NoError(t, s.UpsertFollows(ctx, []app.Follow{follow(c.ID, "guide1", "wm1", 10, "t2", "t1", "t1")}))
		assert.Equal(t, map[string][]string{"guide1|wm1": {"t1", "t2"}}, activePairs(t, s, c.ID))

		require.NoError(t, s.DeleteFollow(ctx, c.ID, "guide1", "wm1", app.FollowDeletedByCustomer, at(20)))
		assert.Empty(t, activePairs(t, s, c.ID), "deleted")

		require.NoError(t, s.UpsertFollows(ctx, []app.Follow{follow(c.ID, "guide1", "wm1", 10, "t1")}))
		assert.Empty(t, activePairs(t, s, c.ID), "a late report of the old add does not undo the deletion")
		f, err := s.FindFollow(ctx, c.ID, "guide1", "wm1")
		require.NoError(t, err)
		assert.Equal(t, app.FollowDeletedByCustomer, f.DeletedBy)

		require.NoError(t, s.UpsertFollows(ctx, []app.Follow{follow(c.ID, "guide1", "wm1", 30, "t3")}))
		assert.Equal(t, map[string][]string{"guide1|wm1": {"t3"}}, activePairs(t, s, c.ID), "a re-add after the deletion revives it")

		require.NoError(t, s.DeleteFollow(ctx, c.ID, "guide1", "wm1", app.FollowDeletedByMember, at(20)))
		assert.Equal(t, map[string][]string{"guide1|wm1": {"t3"}}, activePairs(t, s, c.ID), "a late retry of the old deletion is ignored")

		require.NoError(t, s.DeleteFollow(ctx, c.ID, "guide1", "wm1", app.FollowDeletedByCustomer, at(60)))
		require.NoError(t, s.DeleteFollow(ctx, c.ID, "guide1", "wm1", app.FollowDeletedByMember, at(40)))
		f, err = s.FindFollow(ctx, c.ID, "guide1", "wm1")
		require.NoError(t, err)
		assert.Equal(t, app.FollowDeletedByCustomer, f.DeletedBy, "an older deletion arriving late does not replace a newer one")
		assert.Equal(t, at(60), f.DeletedAt.UTC())
		assert.Empty(t, activePairs(t, s, c.ID), "the tags went with the relation")
		var tagRows int64
		require.NoError(t, d.SQL().QueryRow("SELECT COUNT(*) FROM follow_tags WHERE corp_id = ?", c.ID).Scan(&tagRows))
		assert.Zero(t, tagRows)

		require.NoError(t, s.DeleteFollow(ctx, c.ID, "guide2", "wm2", app.FollowDeletedByMember, at(50)))
		f, err = s.FindFollow(ctx, c.ID, "guide2", "wm2")
		require.NoError(t, err, "a deletion of a relation never seen leaves a tombstone")
		assert.Equal(t, at(50), f.DeletedAt.UTC())
		require.NoError(t, s.UpsertFollows(ctx, []app.Follow{follow(c.ID, "guide2", "wm2", 40)}))
		assert.NotContains(t, activePairs(t, s, c.ID), "guide2|wm2", "an add older than the tombstone stays dead")
	})
}

func TestSweepFollows(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := newCorp(t, d, "ww_sweep")
		s := db.NewDirectoryStore(d)
		require.NoError(t, s.UpsertFollows(ctx, []app.Follow{follow(c.ID, "a", "wm1", 10), follow(c.ID, "b", "wm1", 10), follow(c.ID, "c", "wm1", 99)}))
		require.NoError(t, s.SweepFollows(ctx, c.ID, "wm1", []string{"a"}, at(50), at(200)))
		assert.Equal(t, []string{"a|wm1"}, keys(activePairs(t, s, c.ID)))
		cf, err := s.FindFollow(ctx, c.ID, "c", "wm1")
		require.NoError(t, err)
		assert.Equal(t, at(99), cf.DeletedAt.UTC(), "never ends before it began")
		assert.Equal(t, app.FollowDeletedBySync, cf.DeletedBy)
	})
}

func TestGroupsAndTags(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := newCorp(t, d, "ww_groups")
		s := db.NewDirectoryStore(d)
		g := &app.Group{CorpID: c.ID, ChatID: "wr1", Name: "门店1群", Owner: "guide1"}
		members := []app.GroupMember{{MemberID: "guide1", Type: 1}, {MemberID: "wm1", Type: 2, State: "ref9"}, {MemberID: "wm2", Type: 2}}
		require.NoError(t, s.SyncGroup(ctx, g, members, at(1)))
		require.NoError(t, s.SyncGroup(ctx, &app.Group{CorpID: c.ID, ChatID: "wr1", Name: "改名"}, members[:2], at(2)))
		ms, err := s.ActiveGroupMembers(ctx, c.ID)
		require.NoError(t, err)
		require.Len(t, ms, 2, "wm2 left")
		assert.Equal(t, "ref9", ms[1].State)

		require.NoError(t, s.DismissGroup(ctx, c.ID, "wr1", at(3)))
		require.NoError(t, s.SyncGroup(ctx, &app.Group{CorpID: c.ID, ChatID: "wr1", Name: "迟到的更新"}, members, at(1)))
		ms, err = s.ActiveGroupMembers(ctx, c.ID)
		require.NoError(t, err)
		assert.Empty(t, ms, "a dismissed group stays dismissed")
		gs, err := s.Groups(ctx, c.ID)
		require.NoError(t, err)
		assert.Equal(t, "改名", gs[0].Name)

		lib := []app.TagGroup{{GroupID: "g1", Name: "会员等级", Tags: []app.Tag{{TagID: "t1", Name: "金卡"}, {TagID: "t2", Name: "银卡"}}}}
		require.NoError(t, s.ReplaceCorpTags(ctx, c.ID, lib, at(1)))
		lib[0].Tags = lib[0].Tags[:1]
		lib = append(lib, app.TagGroup{GroupID: "g2", Name: "偏好", Tags: []app.Tag{{TagID: "t9", Name: "咖啡"}}})
		require.NoError(t, s.ReplaceCorpTags(ctx, c.ID, lib, at(2)))
		got, err := s.CorpTags(ctx, c.ID)
		require.NoError(t, err)
		require.Len(t, got, 2)
		assert.Equal(t, []string{"t1"}, tagIDs(got[0]))
		assert.Equal(t, []string{"t9"}, tagIDs(got[1]))
	})
}

func keys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func tagIDs(g app.TagGroup) []string {
	var out []string
	for _, t := range g.Tags {
		out = append(out, t.TagID)
	}
	return out
}

// A write carrying an older read never replaces a newer one: a sync page
// read before an event's refresh but written after it must lose.
func TestNewerReadWins(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := newCorp(t, d, "ww_reads")
		s := db.NewDirectoryStore(d)
		newer, older := time.Now().UTC(), time.Now().UTC().Add(-time.Minute)

		fresh := follow(c.ID, "g1", "wm1", 10, "t-new")
		fresh.Remark, fresh.SyncedAt = "新备注", &newer
		require.NoError(t, s.UpsertFollows(ctx, []app.Follow{fresh}))
		stale := follow(c.ID, "g1", "wm1", 10, "t-old")
		stale.Remark, stale.SyncedAt = "旧备注", &older
		require.NoError(t, s.UpsertFollows(ctx, []app.Follow{stale}))

		f, err := s.FindFollow(ctx, c.ID, "g1", "wm1")
		require.NoError(t, err)
		assert.Equal(t, "新备注", f.Remark)
		assert.Equal(t, map[string][]string{"g1|wm1": {"t-new"}}, activePairs(t, s, c.ID), "tags of the stale read are not applied")

		require.NoError(t, s.UpsertCustomers(ctx, []app.Customer{{CorpID: c.ID, ExternalUserID: "wm1", Name: "新", SyncedAt: &newer}}))
		require.NoError(t, s.UpsertCustomers(ctx, []app.Customer{{CorpID: c.ID, ExternalUserID: "wm1", Name: "旧", SyncedAt: &older}}))
		var name string
		require.NoError(t, d.SQL().QueryRow("SELECT name FROM customers WHERE external_userid = 'wm1'").Scan(&name))
		assert.Equal(t, "新", name)
	})
}

// An add event is written from the event alone, then the read from WeCom
// fills it in; neither may undo a newer deletion, and a sweep by a read
// taken before the add leaves it alone.
func TestRecordAdd(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := newCorp(t, d, "ww_add")
		s := db.NewDirectoryStore(d)
		require.NoError(t, s.RecordAdd(ctx, c.ID, "g1", "wm1", "ch1", at(10)))
		f, err := s.FindFollow(ctx, c.ID, "g1", "wm1")
		require.NoError(t, err)
		assert.Equal(t, "ch1", f.State)
		assert.Nil(t, f.DeletedAt)

		require.NoError(t, s.UpsertFollows(ctx, []app.Follow{follow(c.ID, "g1", "wm1", 10, "t1")}))
		require.NoError(t, s.RecordAdd(ctx, c.ID, "g1", "wm1", "ch1", at(10)))
		assert.Equal(t, map[string][]string{"g1|wm1": {"t1"}}, activePairs(t, s, c.ID), "a repeated add keeps what the read wrote")

		require.NoError(t, s.DeleteFollow(ctx, c.ID, "g1", "wm1", app.FollowDeletedByCustomer, at(20)))
		require.NoError(t, s.RecordAdd(ctx, c.ID, "g1", "wm1", "ch1", at(10)))
		assert.Empty(t, activePairs(t, s, c.ID), "a late add older than the deletion stays dead")
		require.NoError(t, s.RecordAdd(ctx, c.ID, "g1", "wm1", "ch2", at(30)))
		f, err = s.FindFollow(ctx, c.ID, "g1", "wm1")
		require.NoError(t, err)
		assert.Nil(t, f.DeletedAt, "a re-add after the deletion revives it")
		assert.Equal(t, "ch2", f.State)
		assert.Equal(t, at(30), f.AddTime.UTC())

		require.NoError(t, s.RecordAdd(ctx, c.ID, "g2", "wm1", "", at(100)))
		require.NoError(t, s.SweepFollows(ctx, c.ID, "wm1", []string{"g1"}, at(60), at(101)))
		assert.Contains(t, activePairs(t, s, c.ID), "g2|wm1", "a read taken before the add cannot end it")
		require.NoError(t, s.SweepFollows(ctx, c.ID, "wm1", []string{"g1"}, at(60), at(200)))
		assert.NotContains(t, activePairs(t, s, c.ID), "g2|wm1", "a later read that lacks it does")
	})
}

// A deletion a sync inferred knows only that the relation had ended: a
// recorded deletion is never replaced by it, and the real one replaces it.
func TestSyncDeletionsYieldToRealOnes(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := newCorp(t, d, "ww_syncdel")
		s := db.NewDirectoryStore(d)
		get := func(user string) *app.Follow {
			f, err := s.FindFollow(ctx, c.ID, user, "wm1")
			require.NoError(t, err)
			return f
		}
		require.NoError(t, s.UpsertFollows(ctx, []app.Follow{follow(c.ID, "a", "wm1", 10), follow(c.ID, "b", "wm1", 10)}))

		require.NoError(t, s.DeleteFollow(ctx, c.ID, "a", "wm1", app.FollowDeletedBySync, at(300)))
		require.NoError(t, s.DeleteFollow(ctx, c.ID, "a", "wm1", app.FollowDeletedByCustomer, at(250)))
		assert.Equal(t, app.FollowDeletedByCustomer, get("a").DeletedBy, "the real deletion arriving after the sync's replaces it")
		assert.Equal(t, at(250), get("a").DeletedAt.UTC())

		require.NoError(t, s.DeleteFollow(ctx, c.ID, "b", "wm1", app.FollowDeletedByMember, at(250)))
		require.NoError(t, s.DeleteFollow(ctx, c.ID, "b", "wm1", app.FollowDeletedBySync, at(300)))
		require.NoError(t, s.DeleteFollow(ctx, c.ID, "b", "wm1", app.FollowDeletedBySync, at(250)))
		assert.Equal(t, app.FollowDeletedByMember, get("b").DeletedBy, "a sync's deletion never replaces a recorded one")
		assert.Equal(t, at(250), get("b").DeletedAt.UTC())

		require.NoError(t, s.DeleteFollow(ctx, c.ID, "c", "wm1", app.FollowDeletedBySync, at(90)))
		assert.Equal(t, app.FollowDeletedBySync, get("c").DeletedBy, "on a relation never seen it is a tombstone")
	})
}

// A full sync cannot have seen a relation added while it ran (written from
// its add event, its read still queued): its sweep leaves it alone.
func TestSweepUnsyncedSparesAddsItCannotHaveSeen(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := newCorp(t, d, "ww_sweepadd")
		s := db.NewDirectoryStore(d)
		require.NoError(t, s.RecordAdd(ctx, c.ID, "old", "wm1", "", at(10)))
		require.NoError(t, s.RecordAdd(ctx, c.ID, "new", "wm1", "", at(1000)))
		n, err := s.SweepUnsynced(ctx, c.ID, at(1010), at(0))
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		assert.Equal(t, []string{"new|wm1"}, keys(activePairs(t, s, c.ID)))
	})
}

// A re-add applied before the older deletion that preceded it: the
// deletion arriving late must not end the re-added relation.
func TestReAddBeforeItsDeletionArrives(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := newCorp(t, d, "ww_readd")
		s := db.NewDirectoryStore(d)
		require.NoError(t, s.RecordAdd(ctx, c.ID, "g", "wm1", "first", at(100)))
		require.NoError(t, s.RecordAdd(ctx, c.ID, "g", "wm1", "again", at(210)))
		require.NoError(t, s.DeleteFollow(ctx, c.ID, "g", "wm1", app.FollowDeletedByCustomer, at(205)))
		f, err := s.FindFollow(ctx, c.ID, "g", "wm1")
		require.NoError(t, err)
		assert.Nil(t, f.DeletedAt)
		assert.Equal(t, "again", f.State)
		assert.Equal(t, at(210), f.AddTime.UTC())
	})
}
