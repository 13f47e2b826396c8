package attribution_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
)

// crashing is the real store, except that the k-th batch a run writes
// fails as a crash would leave it: its transaction never commits.
type crashing struct {
	attribution.Store
	writes, k int
}

var errCrash = errors.New("crash")

func (c *crashing) AdvanceRun(ctx context.Context, corpID, id int64, phase int, cursor, done int64) error {
	if c.writes++; c.writes == c.k {
		return errCrash
	}
	return c.Store.AdvanceRun(ctx, corpID, id, phase, cursor, done)
}

// runCrashing carries run id to its end through crashes: each attempt, on
// batches of a fortieth of the run (at least 50 orders), dies at its
// third batch, and the next resumes from the cursor the last committed
// batch left. Progress moves on with every attempt and ends at the total.
func (c *chain) runCrashing(t *testing.T, id int64) {
	crashes, last := 0, int64(-1)
	run, err := c.svc.FindRun(c.ctx, c.corp, id)
	require.NoError(t, err)
	batch := max(50, int(run.Total/40))
	for {
		store := &crashing{Store: c.core.Stores.Credits, k: 3}
		svc := attribution.New(attribution.Deps{Tx: c.db, Store: store, Org: c.core.Stores.Org, Queue: c.queue, Audit: c.core.Audit})
		svc.SetBatchSize(batch)
		err := svc.Run(c.ctx, c.corp, id)
		run, ferr := c.svc.FindRun(c.ctx, c.corp, id)
		require.NoError(t, ferr)
		if err == nil {
			require.Equal(t, app.RunDone, run.Status)
			require.Equal(t, run.Total, run.Done, "every order counted once")
			break
		}
		require.ErrorIs(t, err, errCrash)
		require.Greater(t, run.Done, last, "an attempt commits its first batches")
		crashes, last = crashes+1, run.Done
	}
	require.Greater(t, crashes, 3, "the run crossed several crashes")
}
