package sandbox_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

func TestSeedDemoIsDeterministic(t *testing.T) {
	a, b := newCorpNamed(t, "a"), newCorpNamed(t, "b")
	require.NoError(t, a.SeedDemo())
	require.NoError(t, b.SeedDemo())
	sa, sbb := a.Snapshot(), b.Snapshot()
	assert.Len(t, sa.Members, 17)
	assert.Len(t, sa.Customers, 300)
	assert.Len(t, sa.Follows, 330)
	assert.Len(t, sa.Groups, 4)
	assert.Len(t, sa.TagGroups, 3)
	require.Equal(t, len(sa.Customers), len(sbb.Customers))
	for i := range sa.Customers {
		assert.Equal(t, sa.Customers[i].Name, sbb.Customers[i].Name)
	}
	assert.Empty(t, a.Events(), "seeding produces no callbacks")
	assert.Error(t, a.SeedDemo(), "only into an empty corp")
}

func TestSnapshotOrder(t *testing.T) {
	c := demoCorp(t)
	s := c.Snapshot()
	for i := 1; i < len(s.Follows); i++ {
		prev, cur := s.Follows[i-1], s.Follows[i]
		assert.True(t, prev.UserID < cur.UserID || (prev.UserID == cur.UserID && prev.ExternalUserID < cur.ExternalUserID))
	}
	for i := 1; i < len(s.Customers); i++ {
		assert.Less(t, s.Customers[i-1].ExternalUserID, s.Customers[i].ExternalUserID)
	}
	s.Follows[0].TagIDs = append(s.Follows[0].TagIDs, "mutated")
	assert.NotContains(t, c.Snapshot().Follows[0].TagIDs, "mutated", "a snapshot is a copy")
}

// A full sync of a bulk-seeded corp through batch/get_by_user sees every
// follow exactly once.
func TestBulkSync(t *testing.T) {
	c := newCorp(t)
	users, err := c.SeedBulk(sandbox.Bulk{Members: 100, Customers: 20000, Tags: 5})
	require.NoError(t, err)
	tok := token(t, c)
	seen := map[string]bool{}
	cursor := ""
	for {
		r := post(t, "/cgi-bin/externalcontact/batch/get_by_user", tok, map[string]any{"userid_list": users, "cursor": cursor, "limit": 100})
		require.Equal(t, 0, r.code())
		for _, it := range r["external_contact_list"].([]any) {
			ext := it.(map[string]any)["external_contact"].(map[string]any)["external_userid"].(string)
			require.False(t, seen[ext])
			seen[ext] = true
		}
		if cursor, _ = r["next_cursor"].(string); cursor == "" {
			break
		}
	}
	assert.Len(t, seen, 20000)
}

func BenchmarkSeedBulk100k(b *testing.B) {
	for range b.N {
		s := sandbox.New(sandbox.Options{})
		c, err := s.AddCorp(sandbox.NewCorpConfig("wwbench"))
		require.NoError(b, err)
		_, err = c.SeedBulk(sandbox.Bulk{Customers: 100000})
		require.NoError(b, err)
		require.NoError(b, s.Close())
	}
}

func TestSeedDemoContactWaysMatchFollows(t *testing.T) {
	c := demoCorp(t)
	s := c.Snapshot()
	require.Len(t, s.ContactWays, 4)
	states := map[string][]string{}
	for _, cw := range s.ContactWays {
		states[cw.State] = cw.Users
	}
	for _, f := range s.Follows {
		assert.Contains(t, states[f.State], f.UserID, "a follow's state names a code its guide is on")
	}
}
