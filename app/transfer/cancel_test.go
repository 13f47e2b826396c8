package transfer_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/app/transfer"
)

// A transfer cancelled before it was sent sends nothing to WeCom: its
// customers stay with the guide, it ends cancelled, the cancellation is
// audited, and an ended transfer cannot be cancelled again. A store
// manager cannot cancel another store's transfer.
func TestCancelBeforeSending(t *testing.T) {
	s := stack.Start(t, sb, stack.Options{Driver: config.DriverMySQL, RedisMode: config.RedisStandalone})
	c := newChain(t, s)
	ids := c.adds(t, "g1", 3)
	s.Settle(t, 30*time.Second)
	deps := s.TransferDeps(testkit.Logger(t), nil)
	deps.Queue = nil // nothing is sent until the periodic follow-up
	svc := transfer.New(deps)
	ctx := context.Background()
	tr, err := svc.StartTransfer(ctx, app.StartTransfer{CorpID: s.Corp.ID, UserID: "g1", Rule: app.TransferToGuide, ToUserID: "g2", By: admin})
	require.NoError(t, err)

	other := app.Principal{CorpID: s.Corp.ID, Role: app.RoleStoreManager, Actor: "user:9", Name: "m2"}
	_, err = svc.CancelTransfer(ctx, s.Corp.ID, tr.ID, other)
	assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "another store's manager does not see it")

	got, err := svc.CancelTransfer(ctx, s.Corp.ID, tr.ID, admin)
	require.NoError(t, err)
	assert.Equal(t, app.TransferCancelled, got.Status)
	assert.Equal(t, len(ids), got.Counts[app.ItemCancelled])
	_, err = svc.CancelTransfer(ctx, s.Corp.ID, tr.ID, admin)
	assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "an ended transfer cannot be cancelled")

	require.NoError(t, svc.FollowTransfers(ctx, s.Corp.ID))
	assert.Empty(t, s.SC.CallsTo("externalcontact/transfer_customer"), "nothing went to WeCom")
	followed, err := db.NewDirectoryStore(s.DB).FollowedBy(ctx, s.Corp.ID, "g1")
	require.NoError(t, err)
	assert.Subset(t, followed, ids, "the customers stay with the guide")
	es, err := db.NewAuditStore(s.DB).ListAudit(ctx, app.AuditFilter{CorpID: s.Corp.ID, TargetType: "transfer"})
	require.NoError(t, err)
	var actions []string
	for _, e := range es {
		actions = append(actions, e.Action)
	}
	assert.Contains(t, actions, "transfer.cancel")
}
