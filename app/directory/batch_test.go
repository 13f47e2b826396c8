package directory

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// recordingWrite is a batch writer that fails the ops of users named
// "bad*", remembers each batch, and holds the first one until released.
type recordingWrite struct {
	mu      sync.Mutex
	batches [][]string
	started chan struct{}
	release chan struct{}
}

func (w *recordingWrite) write(_ context.Context, ops []*contactOp) {
	w.mu.Lock()
	first := len(w.batches) == 0
	var users []string
	for _, o := range ops {
		users = append(users, o.e.follow.UserID)
		if strings.HasPrefix(o.e.follow.UserID, "bad") {
			o.err = errors.New("refused " + o.e.follow.UserID)
		}
	}
	w.batches = append(w.batches, users)
	w.mu.Unlock()
	if first {
		close(w.started)
		<-w.release
	}
}

func (b *batcher) queued() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.queue)
}

func TestBatcherGroupsWhatArrivesDuringAWrite(t *testing.T) {
	w := &recordingWrite{started: make(chan struct{}), release: make(chan struct{})}
	b := &batcher{max: 3, write: w.write}
	ctx := context.Background()
	errs := make(map[string]error)
	var mu sync.Mutex
	var wg sync.WaitGroup
	run := func(user string) {
		wg.Go(func() {
			err := b.do(ctx, contactEvent{follow: app.Follow{UserID: user}})
			mu.Lock()
			errs[user] = err
			mu.Unlock()
		})
	}
	run("lone")
	<-w.started
	for _, u := range []string{"g1", "bad2", "g3", "g4", "bad5"} {
		run(u)
	}
	require.Eventually(t, func() bool { return b.queued() == 5 }, 5*time.Second, time.Millisecond)
	close(w.release)
	wg.Wait()

	assert.Len(t, w.batches, 3, "a lone op is written at once; five queued behind it go in batches of at most 3")
	assert.Equal(t, []string{"lone"}, w.batches[0])
	assert.Len(t, w.batches[1], 3)
	assert.Len(t, w.batches[2], 2)
	for user, err := range errs {
		if strings.HasPrefix(user, "bad") {
			assert.EqualError(t, err, "refused "+user, "each op gets its own result")
		} else {
			assert.NoError(t, err, user)
		}
	}
	assert.False(t, b.busy, "the batcher is idle again")
}

// A batch holding an event that cannot be written lands the others: the
// batch is written again one event at a time.
func TestBatchWithABadEventLandsTheRest(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := &app.Corp{CorpID: "ww_poison", Name: "poison"}
		require.NoError(t, db.NewCorpStore(d, testkit.Box(t)).CreateCorp(ctx, c))
		s := New(Deps{Tx: d, Store: db.NewDirectoryStore(d), Claims: db.NewInboxStore(d),
			Fanout: tasks.NewRegistry(db.NewDeliveryStore(d), nil), Log: testkit.Logger(t)})
		var ops []*contactOp
		for i := range 6 {
			key := fmt.Sprintf("%064d", i)
			if i == 3 {
				key = "not-a-key" // the inbox refuses to store it
			}
			at := time.Unix(1700000000, 0).UTC()
			in := &app.InboxEvent{CorpID: c.ID, DedupeKey: key, Kind: "change_external_contact/del_follow_user", Payload: "<xml/>", EventTime: at}
			ops = append(ops, &contactOp{e: contactEvent{in: in, follow: app.Follow{CorpID: c.ID, UserID: "g", ExternalUserID: fmt.Sprintf("wm%d", i),
				DeletedAt: &at, DeletedBy: app.FollowDeletedByCustomer}}})
		}
		s.writeContacts(ctx, ops)
		for i, o := range ops {
			f, err := db.NewDirectoryStore(d).FindFollow(ctx, c.ID, "g", fmt.Sprintf("wm%d", i))
			if i == 3 {
				assert.Equal(t, app.EINVALID, app.ErrorCode(o.err))
				assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "the bad event had no effect")
				continue
			}
			require.NoError(t, o.err)
			require.NoError(t, err)
			assert.Equal(t, app.FollowDeletedByCustomer, f.DeletedBy)
		}
	})
}

// A write that panics fails its batch, not the batcher: the ops waiting
// in it get an error to retry on, and the next op is written.
func TestBatcherSurvivesAPanickingWrite(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	var calls int
	b := &batcher{max: 8, write: func(_ context.Context, ops []*contactOp) {
		calls++
		if calls == 1 {
			close(started)
			<-release
			panic("driver bug")
		}
	}}
	ctx := context.Background()
	leader := make(chan any, 1)
	go func() {
		defer func() { leader <- recover() }()
		_ = b.do(ctx, contactEvent{follow: app.Follow{UserID: "first"}})
	}()
	<-started
	follower := make(chan error, 1)
	go func() { follower <- b.do(ctx, contactEvent{follow: app.Follow{UserID: "second"}}) }()
	require.Eventually(t, func() bool { return b.queued() == 1 }, time.Second, time.Millisecond)
	close(release)
	assert.Equal(t, "driver bug", <-leader, "the panic still reaches the leader's task")
	done := make(chan error, 1)
	go func() { done <- b.do(ctx, contactEvent{follow: app.Follow{UserID: "third"}}) }()
	select {
	case err := <-follower:
		assert.NoError(t, err, "the follower queued behind the panic leads the next batch")
	case <-time.After(5 * time.Second):
		t.Fatal("the batcher jammed after a panicking write")
	}
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("a later op was never written")
	}
}
