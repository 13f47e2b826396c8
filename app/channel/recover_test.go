package channel_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/channel"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
)

// lossy is the real WeCom client behind a network that fails an
// add_contact_way once: before it reaches WeCom, or after WeCom made the
// contact way (the answer lost, or Siyu dying before it could record it).
// before, when set, runs first, as something happening meanwhile.
type lossy struct {
	channel.ContactWays
	mu        *sync.Mutex
	loseAfter *bool
	loseOnce  *bool
	before    *func()
}

var errLost = errors.New("read tcp: connection reset by peer")

func (l lossy) AddContactWay(ctx context.Context, req wecom.AddContactWayRequest) (string, string, error) {
	l.mu.Lock()
	lose, after, before := *l.loseOnce, *l.loseAfter, *l.before
	*l.loseOnce, *l.before = false, nil
	l.mu.Unlock()
	if before != nil {
		before()
	}
	if lose && !after {
		return "", "", errLost
	}
	id, qr, err := l.ContactWays.AddContactWay(ctx, req)
	if lose && err == nil {
		return "", "", errLost
	}
	return id, qr, err
}

type lossyFixture struct {
	*fixture
	svc             *channel.Service
	mu              sync.Mutex
	loseOnce, after bool
	before          func()
}

func newLossy(t *testing.T, d *db.DB) *lossyFixture {
	l := &lossyFixture{fixture: newFixture(t, d)}
	deps := l.graph.ChannelDeps()
	deps.Clients = clientFunc(func(ctx context.Context, corpID int64) (channel.ContactWays, error) {
		c, err := l.client(ctx, corpID)
		return lossy{ContactWays: c, mu: &l.mu, loseAfter: &l.after, loseOnce: &l.loseOnce, before: &l.before}, err
	})
	l.svc = channel.New(deps, channel.Options{Log: testkit.Logger(t)})
	return l
}

// recovered runs the periodic recovery as it would run later on.
func (l *lossyFixture) recovered(t *testing.T, later time.Duration) int {
	t.Helper()
	n, err := l.svc.RecoverChannels(l.ctx, l.corp.ID, time.Now().Add(later))
	require.NoError(t, err)
	return n
}

// createLost creates a store channel through a network that loses it.
func (l *lossyFixture) createLost(t *testing.T, after bool) *app.Channel {
	t.Helper()
	l.loseOnce, l.after = true, after
	c := l.storeChannel()
	err := l.svc.CreateChannel(l.ctx, c)
	require.Equal(t, app.EUNAVAILABLE, app.ErrorCode(err), "%v", err)
	require.NotZero(t, c.ID, "the row stays")
	got, err := l.svc.FindChannel(l.ctx, l.corp.ID, c.ID)
	require.NoError(t, err)
	require.Equal(t, app.ChannelCreating, got.Status)
	return got
}

func TestRecoverAfterLostAnswer(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		l := newLossy(t, d)
		c := l.createLost(t, true)
		made := l.waysWithState(c.State)
		require.Len(t, made, 1, "WeCom made the contact way; Siyu never heard")

		t.Run("ErrConflictWhileCreating", func(t *testing.T) {
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(l.svc.UpdateChannel(l.ctx, l.storeChannelWithID(c.ID))))
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(l.svc.DeleteChannel(l.ctx, l.corp.ID, c.ID)))
			_, err := l.svc.QRImage(l.ctx, l.corp.ID, c.ID)
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
		})
		assert.Zero(t, l.recovered(t, 0), "a create may still be in flight")
		assert.Equal(t, 1, l.recovered(t, 3*time.Minute))
		got, err := l.svc.FindChannel(l.ctx, l.corp.ID, c.ID)
		require.NoError(t, err)
		assert.Equal(t, app.ChannelActive, got.Status)
		assert.Equal(t, made[0].ConfigID, got.ConfigID, "adopted, not created twice")
		assert.Equal(t, made[0].QRCode, got.QRCode)
		assert.Len(t, l.waysWithState(c.State), 1)
		assert.Equal(t, []string{"channel.create by user:1"}, l.actions(t, c.ID))
		assert.Zero(t, l.recovered(t, 10*time.Minute), "nothing left")
		require.NoError(t, l.svc.DeleteChannel(l.ctx, l.corp.ID, c.ID), "an ordinary channel now")
		assert.Empty(t, l.waysWithState(c.State))
	})
}

func TestRecoverAfterLostRequest(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		l := newLossy(t, d)
		c := l.createLost(t, false)
		assert.Empty(t, l.waysWithState(c.State))
		assert.Equal(t, 1, l.recovered(t, 3*time.Minute))
		got, err := l.svc.FindChannel(l.ctx, l.corp.ID, c.ID)
		require.NoError(t, err)
		ways := l.waysWithState(c.State)
		require.Len(t, ways, 1, "created by the recovery")
		assert.Equal(t, ways[0].ConfigID, got.ConfigID)
		assert.Equal(t, []string{"g1", "g2", "g3"}, ways[0].Users)
	})
}

// Two contact ways carrying one code (two finishers raced): one is kept,
// the other deleted.
func TestRecoverKeepsOneOfTwo(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		l := newLossy(t, d)
		c := l.createLost(t, true)
		cli, err := l.client(l.ctx, l.corp.ID)
		require.NoError(t, err)
		_, _, err = cli.AddContactWay(l.ctx, wecom.AddContactWayRequest{Type: 2, Scene: 2, State: c.State, User: []string{"g4"}})
		require.NoError(t, err)
		first := l.waysWithState(c.State)[0]
		assert.Equal(t, 1, l.recovered(t, 3*time.Minute))
		ways := l.waysWithState(c.State)
		require.Len(t, ways, 1)
		assert.Equal(t, first.ConfigID, ways[0].ConfigID)
		assert.Equal(t, []string{"g1", "g2", "g3"}, ways[0].Users, "set to the channel's members")
	})
}

// A create that outlasts RecoverAfter races the recovery: whichever
// records its contact way first wins, and the other deletes its own.
func TestSlowCreateLosesToRecovery(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		l := newLossy(t, d)
		recovered := 0
		l.before = func() { recovered = l.recovered(t, 3*time.Minute) }
		c := l.storeChannel()
		require.NoError(t, l.svc.CreateChannel(l.ctx, c))
		assert.Equal(t, 1, recovered, "the recovery finished it while the create was in flight")
		ways := l.waysWithState(c.State)
		require.Len(t, ways, 1, "the slow create's contact way was deleted")
		assert.Equal(t, ways[0].ConfigID, c.ConfigID)
		assert.Len(t, l.actions(t, c.ID), 1)
	})
}
