package directory_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit/mirror"
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

// actor performs random but valid client-side actions among guides it
// adds to the corp, failing t on an error.
type actor struct {
	t *testing.T
	*mirror.Actor
}

func newActor(t *testing.T, sc *sandbox.Corp, guides int) *actor {
	var ids []string
	for i := range guides {
		id := fmt.Sprintf("guide%d", i)
		require.NoError(t, sc.AddMember(sandbox.Member{UserID: id, Name: "导购" + id, ContactEnabled: true}))
		ids = append(ids, id)
	}
	a, err := mirror.NewActor(sc, ids, 1)
	require.NoError(t, err)
	return &actor{t: t, Actor: a}
}

func (a *actor) step() { require.NoError(a.t, a.Step()) }

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
	mirror.AssertDirectory(t, s.sc, s.db, s.corp.ID)
}
