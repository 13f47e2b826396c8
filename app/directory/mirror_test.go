package directory_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// TestEventsMirrorSandbox drives client-side actions in the sandbox with
// duplicated and concurrently (so out of order) delivered callbacks, and
// checks Siyu's directory equals the sandbox afterwards and every event
// had exactly one effect, on each Redis kind.
func TestEventsMirrorSandbox(t *testing.T) {
	for _, tc := range []struct{ driver, redis string }{
		{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}, {config.DriverMySQL, config.RedisCluster},
	} {
		t.Run(tc.driver+"/"+tc.redis, func(t *testing.T) {
			s := startSiyu(t, tc.driver, tc.redis)
			a := newActor(t, s.sc, 4)
			for i := range 120 {
				if i%10 == 0 {
					s.sc.DuplicateNext(3, 2)
				}
				a.step()
			}
			s.settle(t, time.Minute)
			assertMirrors(t, s)
		})
	}
}

// actor performs random but valid client-side actions.
type actor struct {
	t      *testing.T
	sc     *sandbox.Corp
	rng    *rand.Rand
	guides []string
	tags   []string
	groups []string
}

func newActor(t *testing.T, sc *sandbox.Corp, guides int) *actor {
	a := &actor{t: t, sc: sc, rng: rand.New(rand.NewPCG(1, 2))}
	for i := range guides {
		id := fmt.Sprintf("guide%d", i)
		require.NoError(t, sc.AddMember(sandbox.Member{UserID: id, Name: "导购" + id, ContactEnabled: true}))
		a.guides = append(a.guides, id)
	}
	g, err := sc.ConsoleCreateTagGroup("会员等级", 1, sandbox.TagSpec{Name: "金卡"}, sandbox.TagSpec{Name: "银卡"})
	require.NoError(t, err)
	for _, tag := range g.Tags {
		a.tags = append(a.tags, tag.ID)
	}
	return a
}

func (a *actor) step() {
	// Time passes between actions as it does in a store: WeCom stamps
	// events to the second, and two identical events in one second are one
	// event to WeCom's dedupe rule and to Siyu's.
	a.sc.Advance(time.Duration(1+a.rng.IntN(3)) * time.Second)
	snap := a.sc.Snapshot()
	follows := snap.Follows
	guide := a.guides[a.rng.IntN(len(a.guides))]
	var err error
	switch r := a.rng.IntN(100); {
	case r < 35 || len(follows) == 0:
		_, err = a.sc.CustomerAdds(sandbox.Add{UserID: guide, State: "ch" + guide})
	case r < 45 && len(snap.Customers) > 0:
		c := snap.Customers[a.rng.IntN(len(snap.Customers))]
		_, err = a.sc.CustomerAdds(sandbox.Add{UserID: guide, Customer: c, State: "readd"})
		if err != nil && strings.Contains(err.Error(), "already") {
			err = nil
		}
	case r < 55:
		f := follows[a.rng.IntN(len(follows))]
		err = a.sc.MemberDeletesCustomer(f.UserID, f.ExternalUserID, "")
	case r < 65:
		f := follows[a.rng.IntN(len(follows))]
		err = a.sc.CustomerDeletesMember(f.UserID, f.ExternalUserID)
	case r < 80:
		f := follows[a.rng.IntN(len(follows))]
		remark := fmt.Sprintf("备注%d", a.rng.IntN(100))
		err = a.sc.MemberEditsCustomer(f.UserID, f.ExternalUserID, sandbox.Edit{Remark: &remark,
			AddTags: []string{a.tags[a.rng.IntN(len(a.tags))]}, RemoveTags: []string{a.tags[a.rng.IntN(len(a.tags))]}})
	default:
		err = a.groupStep(snap, guide)
	}
	require.NoError(a.t, err)
}

func (a *actor) groupStep(snap sandbox.Snapshot, guide string) error {
	live := liveGroups(snap)
	switch r := a.rng.IntN(10); {
	case r < 3 || len(live) == 0:
		id, err := a.sc.CreateGroup(sandbox.NewGroup{Owner: guide, Name: "门店群"})
		a.groups = append(a.groups, id)
		return err
	case r < 6 && len(snap.Customers) > 0:
		c := snap.Customers[a.rng.IntN(len(snap.Customers))]
		g := live[a.rng.IntN(len(live))]
		if hasMember(g, c.ExternalUserID) {
			return nil
		}
		return a.sc.JoinGroup(g.ChatID, sandbox.Join{Members: []string{c.ExternalUserID}, JoinScene: 3, State: "qr"})
	case r < 8:
		g := live[a.rng.IntN(len(live))]
		for _, m := range g.Members {
			if m.Type == 2 {
				return a.sc.LeaveGroup(g.ChatID, sandbox.Leave{Members: []string{m.UserID}})
			}
		}
		return a.sc.RenameGroup(g.ChatID, fmt.Sprintf("群%d", a.rng.IntN(100)))
	default:
		return a.sc.DismissGroup(live[a.rng.IntN(len(live))].ChatID)
	}
}

func liveGroups(s sandbox.Snapshot) []sandbox.Group {
	var out []sandbox.Group
	for _, g := range s.Groups {
		if !g.Dismissed {
			out = append(out, g)
		}
	}
	return out
}

func hasMember(g sandbox.Group, id string) bool {
	for _, m := range g.Members {
		if m.UserID == id {
			return true
		}
	}
	return false
}

// assertMirrors compares the directory with the sandbox and checks every
// distinct event was applied exactly once.
func assertMirrors(t *testing.T, s *siyu) {
	assertDirectory(t, s)
	var events, distinct int
	require.NoError(t, s.db.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE status <> 'pending'").Scan(&events))
	seen := map[string]bool{}
	for _, e := range s.sc.Events() {
		seen[e.XML] = true
	}
	distinct = len(seen)
	assert.Equal(t, distinct, events, "one inbox row, applied once, per distinct event")
	assert.Greater(t, len(s.sc.Deliveries()), distinct, "some events were delivered more than once")
}

// assertDirectory compares every relation (remark, state, add time, tags),
// group membership and corp tag with the sandbox.
func assertDirectory(t *testing.T, s *siyu) {
	ctx := context.Background()
	snap := s.sc.Snapshot()
	store := db.NewDirectoryStore(s.db)

	var want, got []string
	for _, f := range snap.Follows {
		want = append(want, fmt.Sprintf("%s|%s|%s|%s|%d|%s", f.UserID, f.ExternalUserID, f.Remark, f.State, f.CreateTime, strings.Join(f.TagIDs, ",")))
	}
	fs, err := store.ActiveFollows(ctx, s.corp.ID)
	require.NoError(t, err)
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%d|%s", f.UserID, f.ExternalUserID, f.Remark, f.State, f.AddTime.Unix(), strings.Join(f.TagIDs, ",")))
	}
	sort.Strings(want)
	sort.Strings(got)
	require.NotEmpty(t, want)
	assert.Equal(t, want, got, "follow relations with remark, state, add time and tags")

	want, got = nil, nil
	for _, g := range liveGroups(snap) {
		for _, m := range g.Members {
			want = append(want, fmt.Sprintf("%s|%s|%d|%s", g.ChatID, m.UserID, m.Type, m.State))
		}
	}
	ms, err := store.ActiveGroupMembers(ctx, s.corp.ID)
	require.NoError(t, err)
	for _, m := range ms {
		got = append(got, fmt.Sprintf("%s|%s|%d|%s", m.ChatID, m.MemberID, m.Type, m.State))
	}
	sort.Strings(want)
	sort.Strings(got)
	assert.Equal(t, want, got, "group memberships")

	want, got = nil, nil
	for _, g := range snap.TagGroups {
		for _, tag := range g.Tags {
			want = append(want, g.GroupID+"|"+g.GroupName+"|"+tag.ID+"|"+tag.Name)
		}
	}
	lib, err := store.CorpTags(ctx, s.corp.ID)
	require.NoError(t, err)
	for _, g := range lib {
		for _, tag := range g.Tags {
			got = append(got, g.GroupID+"|"+g.Name+"|"+tag.TagID+"|"+tag.Name)
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	assert.Equal(t, want, got, "corp tag library")
}
