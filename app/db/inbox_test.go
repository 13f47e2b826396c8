package db_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

func newCorp(t *testing.T, d *db.DB, corpID string) *app.Corp {
	c := &app.Corp{CorpID: corpID, Name: corpID}
	require.NoError(t, db.NewCorpStore(d, testkit.Box(t)).CreateCorp(context.Background(), c))
	return c
}

func inboxEvent(corpID int64, n int) *app.InboxEvent {
	return &app.InboxEvent{CorpID: corpID, DedupeKey: fmt.Sprintf("%064d", n), Kind: "change_external_contact/add_external_contact",
		Payload: "<xml>事件</xml>", EventTime: time.Unix(1700000000, 0).UTC()}
}

func TestInboxStore(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := newCorp(t, d, "ww_inbox")
		s := db.NewInboxStore(d)

		t.Run("SavedOnce", func(t *testing.T) {
			first := inboxEvent(c.ID, 1)
			created, err := s.SaveEvent(ctx, first)
			require.NoError(t, err)
			assert.True(t, created)
			assert.NotZero(t, first.ID)
			again := inboxEvent(c.ID, 1)
			created, err = s.SaveEvent(ctx, again)
			require.NoError(t, err)
			assert.False(t, created, "a redelivery is recognised")
			assert.Equal(t, first.ID, again.ID, "and describes the stored row")
			assert.Equal(t, app.InboxPending, again.Status)
		})
		t.Run("ConcurrentDeliveriesMakeOneRow", func(t *testing.T) {
			var created atomic.Int32
			var wg sync.WaitGroup
			for range 16 {
				wg.Go(func() {
					ok, err := s.SaveEvent(ctx, inboxEvent(c.ID, 2))
					assert.NoError(t, err)
					if ok {
						created.Add(1)
					}
				})
			}
			wg.Wait()
			assert.Equal(t, int32(1), created.Load())
		})
		t.Run("FinishOnce", func(t *testing.T) {
			e := inboxEvent(c.ID, 3)
			_, err := s.SaveEvent(ctx, e)
			require.NoError(t, err)
			var done []bool
			for range 2 {
				require.NoError(t, d.InTx(ctx, func(ctx context.Context) error {
					ok, err := db.NewInboxStore(d).FinishEvent(ctx, e, app.InboxApplied)
					done = append(done, ok)
					return err
				}))
			}
			assert.Equal(t, []bool{true, false}, done, "only the first finish takes effect")
			got, err := s.FindEvent(ctx, c.ID, e.DedupeKey)
			require.NoError(t, err)
			assert.Equal(t, app.InboxApplied, got.Status)
			assert.NotNil(t, got.AppliedAt)
		})
		t.Run("FinishStoresAnEventOnlyTheQueueHeld", func(t *testing.T) {
			e := inboxEvent(c.ID, 5)
			var done []bool
			for range 2 {
				require.NoError(t, d.InTx(ctx, func(ctx context.Context) error {
					ok, err := db.NewInboxStore(d).FinishEvent(ctx, e, app.InboxApplied)
					done = append(done, ok)
					return err
				}))
			}
			assert.Equal(t, []bool{true, false}, done)
			got, err := s.FindEvent(ctx, c.ID, e.DedupeKey)
			require.NoError(t, err)
			assert.Equal(t, app.InboxApplied, got.Status)
			assert.Equal(t, e.Payload, got.Payload)
		})
		t.Run("RolledBackFinishStaysPending", func(t *testing.T) {
			e := inboxEvent(c.ID, 4)
			_, err := s.SaveEvent(ctx, e)
			require.NoError(t, err)
			err = d.InTx(ctx, func(ctx context.Context) error {
				if _, err := db.NewInboxStore(d).FinishEvent(ctx, e, app.InboxApplied); err != nil {
					return err
				}
				return fmt.Errorf("effect failed")
			})
			require.Error(t, err)
			got, err := s.FindEvent(ctx, c.ID, e.DedupeKey)
			require.NoError(t, err)
			assert.Equal(t, app.InboxPending, got.Status, "a failed effect leaves the event to run again")
			require.NoError(t, s.RecordEventFailure(ctx, c.ID, e.DedupeKey, strings.Repeat("x", 3000)))
			pending, err := s.PendingEvents(ctx, time.Now().Add(time.Minute), 0, 10)
			require.NoError(t, err)
			keys := []string{}
			for _, p := range pending {
				keys = append(keys, p.DedupeKey)
				if p.ID == e.ID {
					assert.Equal(t, 1, p.Attempts)
					assert.Len(t, p.LastError, 2000)
				}
			}
			assert.Contains(t, keys, e.DedupeKey)
			assert.NotContains(t, keys, inboxEvent(c.ID, 3).DedupeKey, "applied events are not pending")
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			_, err := s.SaveEvent(ctx, &app.InboxEvent{CorpID: c.ID, DedupeKey: "short", Payload: "x"})
			assert.Equal(t, app.EINVALID, app.ErrorCode(err))
		})
	})
}
