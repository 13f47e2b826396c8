package db_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// contactEvents makes n adds and deletions over a few relations, each at
// its own second (WeCom's event time), in no particular order.
func contactEvents(rng *rand.Rand, corpID int64, n int) []app.Follow {
	var out []app.Follow
	for i, sec := range rng.Perm(n) {
		t := at(int64(sec))
		f := app.Follow{CorpID: corpID, UserID: fmt.Sprintf("g%d", rng.IntN(2)), ExternalUserID: fmt.Sprintf("wm%d", rng.IntN(3))}
		if rng.IntN(2) == 0 {
			f.AddTime, f.State = &t, fmt.Sprintf("ch%d", i)
		} else {
			f.DeletedAt, f.DeletedBy = &t, []string{app.FollowDeletedByMember, app.FollowDeletedByCustomer}[rng.IntN(2)]
		}
		out = append(out, f)
	}
	return out
}

func splitChanges(fs []app.Follow) (adds, dels []app.Follow) {
	for _, f := range fs {
		if f.AddTime != nil {
			adds = append(adds, f)
		} else {
			dels = append(dels, f)
		}
	}
	return adds, dels
}

// relations describes every relation contactEvents can make in corpID.
func relations(t *testing.T, s *db.DirectoryStore, corpID int64) []string {
	var out []string
	for _, user := range []string{"g0", "g1"} {
		for _, ext := range []string{"wm0", "wm1", "wm2"} {
			f, err := s.FindFollow(context.Background(), corpID, user, ext)
			if app.ErrorCode(err) == app.ENOTFOUND {
				continue
			}
			require.NoError(t, err)
			out = append(out, fmt.Sprintf("%s|%s added %v state %q deleted %v by %q", user, ext, f.AddTime, f.State, f.DeletedAt, f.DeletedBy))
		}
	}
	return out
}

// Writing adds and deletions in batches (a batch may hold the same
// relation several times, adds written before deletions) leaves what
// writing them one by one does.
func TestBatchedContactWritesMatchOneByOne(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := db.NewDirectoryStore(d)
		for round := range 20 {
			rng := rand.New(rand.NewPCG(uint64(round), 7))
			one, many := newCorp(t, d, fmt.Sprintf("ww_one_%d", round)), newCorp(t, d, fmt.Sprintf("ww_many_%d", round))
			for _, f := range contactEvents(rand.New(rand.NewPCG(uint64(round), 1)), one.ID, 30) {
				adds, dels := splitChanges([]app.Follow{f})
				require.NoError(t, writeChanges(ctx, s, adds, dels))
			}
			evs := contactEvents(rand.New(rand.NewPCG(uint64(round), 1)), many.ID, 30)
			for len(evs) > 0 {
				n := min(len(evs), 1+rng.IntN(12))
				adds, dels := splitChanges(evs[:n])
				require.NoError(t, writeChanges(ctx, s, adds, dels))
				evs = evs[n:]
			}
			want, got := relations(t, s, one.ID), relations(t, s, many.ID)
			require.NotEmpty(t, want)
			assert.Equal(t, want, got, "round %d", round)
		}
	})
}

func writeChanges(ctx context.Context, s *db.DirectoryStore, adds, dels []app.Follow) error {
	if len(adds) > 0 {
		if _, err := s.RecordAdds(ctx, adds); err != nil {
			return err
		}
	}
	if len(dels) > 0 {
		return s.DeleteFollows(ctx, dels)
	}
	return nil
}
