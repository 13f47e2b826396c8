package mirror

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// Counts are what a comparison covered, for a test's log.
type Counts struct {
	Follows, Customers, GroupMembers int
}

// AssertDirectory compares corp's directory in d, every relation (remark,
// state, add time, tags), group membership and corp tag, with the
// sandbox corp's, each as one line a failure shows the difference of.
func AssertDirectory(t testing.TB, sc *sandbox.Corp, d *db.DB, corpID int64) Counts {
	t.Helper()
	ctx := context.Background()
	snap := sc.Snapshot()
	store := db.NewDirectoryStore(d)
	var want, got []string
	for _, f := range snap.Follows {
		want = append(want, fmt.Sprintf("%s|%s|%s|%s|%d|%s", f.UserID, f.ExternalUserID, f.Remark, f.State, f.CreateTime, strings.Join(f.TagIDs, ",")))
	}
	fs, err := store.ActiveFollows(ctx, corpID)
	require.NoError(t, err)
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%d|%s", f.UserID, f.ExternalUserID, f.Remark, f.State, f.AddTime.Unix(), strings.Join(f.TagIDs, ",")))
	}
	require.NotEmpty(t, want)
	sameSet(t, want, got, "follow relations with remark, state, add time and tags")
	members := assertGroups(t, ctx, snap, store, corpID)
	assertTags(t, ctx, snap, store, corpID)
	return Counts{Follows: len(snap.Follows), Customers: len(snap.Customers), GroupMembers: members}
}

// assertGroups compares the live groups' memberships and returns how many.
func assertGroups(t testing.TB, ctx context.Context, snap sandbox.Snapshot, store *db.DirectoryStore, corpID int64) int {
	t.Helper()
	var want, got []string
	for _, g := range LiveGroups(snap) {
		for _, m := range g.Members {
			want = append(want, fmt.Sprintf("%s|%s|%d|%s", g.ChatID, m.UserID, m.Type, m.State))
		}
	}
	ms, err := store.ActiveGroupMembers(ctx, corpID)
	require.NoError(t, err)
	for _, m := range ms {
		got = append(got, fmt.Sprintf("%s|%s|%d|%s", m.ChatID, m.MemberID, m.Type, m.State))
	}
	sameSet(t, want, got, "group memberships")
	return len(ms)
}

// assertTags compares the corp tag library.
func assertTags(t testing.TB, ctx context.Context, snap sandbox.Snapshot, store *db.DirectoryStore, corpID int64) {
	t.Helper()
	var want, got []string
	for _, g := range snap.TagGroups {
		for _, tag := range g.Tags {
			want = append(want, g.GroupID+"|"+g.GroupName+"|"+tag.ID+"|"+tag.Name)
		}
	}
	lib, err := store.CorpTags(ctx, corpID)
	require.NoError(t, err)
	for _, g := range lib {
		for _, tag := range g.Tags {
			got = append(got, g.GroupID+"|"+g.Name+"|"+tag.TagID+"|"+tag.Name)
		}
	}
	sameSet(t, want, got, "corp tag library")
}

func sameSet(t testing.TB, want, got []string, what string) {
	t.Helper()
	sort.Strings(want)
	sort.Strings(got)
	assert.Equal(t, want, got, what)
}
