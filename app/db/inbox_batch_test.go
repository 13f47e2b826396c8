package db_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

func finishBatch(t *testing.T, d *db.DB, es []*app.InboxEvent) []bool {
	var first []bool
	require.NoError(t, d.InTx(context.Background(), func(ctx context.Context) error {
		var err error
		first, err = db.NewInboxStore(d).FinishEvents(ctx, es, app.InboxApplied)
		return err
	}))
	return first
}

func TestFinishEvents(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, b := newCorp(t, d, "ww_batch_a"), newCorp(t, d, "ww_batch_b")
		s := db.NewInboxStore(d)
		for _, e := range []*app.InboxEvent{inboxEvent(a.ID, 1), inboxEvent(a.ID, 2), inboxEvent(b.ID, 1)} {
			_, err := s.SaveEvent(ctx, e)
			require.NoError(t, err)
		}
		require.Equal(t, []bool{true}, finishBatch(t, d, []*app.InboxEvent{inboxEvent(a.ID, 2)}))

		batch := []*app.InboxEvent{inboxEvent(a.ID, 1), inboxEvent(a.ID, 2), inboxEvent(a.ID, 3),
			inboxEvent(a.ID, 1), inboxEvent(b.ID, 1), inboxEvent(a.ID, 3)}
		assert.Equal(t, []bool{true, false, true, false, true, false}, finishBatch(t, d, batch),
			"pending rows are claimed, finished ones are not, an event only the queue held is stored finished, a key twice counts once")
		for _, e := range batch {
			got, err := s.FindEvent(ctx, e.CorpID, e.DedupeKey)
			require.NoError(t, err)
			assert.Equal(t, app.InboxApplied, got.Status)
			assert.NotNil(t, got.AppliedAt)
		}
		assert.Equal(t, []bool{false, false, false, false, false, false}, finishBatch(t, d, batch), "a second batch has nothing left")
	})
}

// Batches racing over the same events (redeliveries, a relay) claim each
// one once between them.
func TestFinishEventsRacing(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := newCorp(t, d, "ww_batch_race")
		const n = 40
		for i := range n {
			if i%2 == 0 { // half stored by the receiver, half only queued
				_, err := db.NewInboxStore(d).SaveEvent(ctx, inboxEvent(c.ID, 100+i))
				require.NoError(t, err)
			}
		}
		claims := make([]int, n)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				var es []*app.InboxEvent
				for i := range n {
					es = append(es, inboxEvent(c.ID, 100+(i*(w+1))%n))
				}
				first := finishBatch(t, d, es)
				mu.Lock()
				defer mu.Unlock()
				for i, ok := range first {
					if ok {
						claims[(i*(w+1))%n]++
					}
				}
			})
		}
		wg.Wait()
		for i, got := range claims {
			assert.Equal(t, 1, got, "event %d", i)
		}
	})
}
