package transfer_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
)

// A preview lays the transfer out as starting it then stores it: the same
// customer → takeover guide pairs in the same round-robin order, the
// same customers refused up front for WeCom's 2-in-90-days limit, the
// same group owners; and it stores and sends nothing. A start that
// confirms a preview the plan no longer matches is refused. A store
// manager previews their own store's guides only.
func TestPreviewIsWhatStarts(t *testing.T) {
	for _, tc := range []struct{ name, driver, redis string }{
		{"mysql", config.DriverMySQL, config.RedisStandalone},
		{"sqlite", config.DriverSQLite, config.RedisEmbedded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			previewIsWhatStarts(t, stack.Start(t, sb, stack.Options{Driver: tc.driver, RedisMode: tc.redis}))
		})
	}
}

func previewIsWhatStarts(t *testing.T, s *stack.Stack) {
	ctx := context.Background()
	c := newChain(t, s)
	twice := c.moveTwice(t)
	own := c.adds(t, "g1", 5)
	_, err := s.SC.CreateGroup(sandboxGroup("g1", "g1 的群", own[:2]))
	require.NoError(t, err)
	s.Settle(t, 30*time.Second)
	calls := len(s.SC.Calls())

	req := app.StartTransfer{CorpID: s.Corp.ID, UserID: "g1", Rule: app.TransferRoundRobin, By: admin}
	pv, err := s.Transfers.PreviewTransfer(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, app.TransferOnJob, pv.Mode)
	assert.Len(t, pv.Items, len(own)+len(twice))
	takers := map[string]app.TakerPreview{}
	for _, tp := range pv.Takers {
		takers[tp.UserID] = tp
	}
	assert.Equal(t, []string{"g2", "g3", "g4", "g5"}, userIDs(pv.Takers), "the store's other guides, in turn")
	assert.Equal(t, 2, takers["g2"].Customers+takers["g2"].Refused)
	assert.Equal(t, 1, takers["g2"].Groups)
	refused := 0
	for _, it := range pv.Items {
		if it.State == app.ItemRefused {
			refused++
			assert.Contains(t, twice, it.ExternalUserID)
			assert.Equal(t, app.ReasonTooFrequent, it.Reason)
		}
	}
	assert.Equal(t, len(twice), refused, "customers moved twice in 90 days are refused up front")
	assert.Equal(t, calls, len(s.SC.Calls()), "a preview calls nothing")
	ts, more, err := s.Transfers.SearchTransfers(ctx, app.TransferQuery{CorpID: s.Corp.ID, By: admin, UserID: "g1"})
	require.NoError(t, err)
	assert.Empty(t, ts, "a preview stores nothing")
	assert.False(t, more)

	req.Expect = pv.Digest
	tr := c.start(t, req)
	stored := c.items(t, tr.ID)
	require.Len(t, stored, len(pv.Items))
	for _, it := range pv.Items {
		got := stored[it.ExternalUserID]
		assert.Equal(t, it.ToUserID, got.ToUserID, "customer %s goes where the preview said", it.ExternalUserID)
		assert.Equal(t, it.State == app.ItemRefused, got.State == app.ItemRefused, it.ExternalUserID)
	}
	_, groups, err := s.Transfers.FindTransfer(ctx, s.Corp.ID, tr.ID, admin)
	require.NoError(t, err)
	require.Len(t, groups, len(pv.Groups))
	assert.Equal(t, pv.Groups[0].ToUserID, groups[0].ToUserID)

	t.Run("ErrConflict", func(t *testing.T) {
		c.adds(t, "g5", 1)
		s.Settle(t, 30*time.Second)
		req := app.StartTransfer{CorpID: s.Corp.ID, UserID: "g5", Rule: app.TransferToGuide, ToUserID: "g4", By: admin}
		pv, err := s.Transfers.PreviewTransfer(ctx, req)
		require.NoError(t, err)
		c.adds(t, "g5", 1)
		s.Settle(t, 30*time.Second)
		req.Expect = pv.Digest
		_, err = s.Transfers.StartTransfer(ctx, req)
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "a customer added since the preview")
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		m2 := app.Principal{CorpID: s.Corp.ID, Role: app.RoleStoreManager, Actor: "user:9", Name: "m2"}
		_, err := s.Transfers.PreviewTransfer(ctx, app.StartTransfer{CorpID: s.Corp.ID, UserID: "g2", Rule: app.TransferRoundRobin, By: m2})
		assert.Equal(t, app.EFORBIDDEN, app.ErrorCode(err), "another store's guide")
		c.adds(t, "h1", 1)
		s.Settle(t, 30*time.Second)
		pv, err := s.Transfers.PreviewTransfer(ctx, app.StartTransfer{CorpID: s.Corp.ID, UserID: "h1", Rule: app.TransferRoundRobin, By: m2})
		require.NoError(t, err)
		assert.Equal(t, []string{"h2"}, userIDs(pv.Takers), "their own store's guide")
	})
}

// moveTwice gives g1 two customers WeCom moved on the job twice in the
// last 90 days (g2 → g3 → g1, through Siyu).
func (c *chain) moveTwice(t *testing.T) []string {
	ids := c.adds(t, "g2", 2)
	c.s.Settle(t, 30*time.Second)
	for _, hop := range [][2]string{{"g2", "g3"}, {"g3", "g1"}} {
		c.start(t, app.StartTransfer{UserID: hop[0], Rule: app.TransferToGuide, ToUserID: hop[1]})
		c.s.SC.Advance(24 * time.Hour)
		c.follow(t)
	}
	for _, ext := range ids {
		require.Equal(t, "g1", c.owner(t, ext).UserID)
	}
	return ids
}

func userIDs(ts []app.TakerPreview) []string {
	out := make([]string, len(ts))
	for i, tp := range ts {
		out[i] = tp.UserID
	}
	return out
}
