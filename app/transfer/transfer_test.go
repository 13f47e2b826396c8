package transfer_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
)

// The acceptance scenario: store S1 has five guides and their customers,
// all added through the sandbox so the directory and owners are Siyu's
// own. g1 leaves; their customers go round-robin to g2…g5. Three
// customers refuse; after 24 sandbox hours and the follow-up, everyone
// else is owned by their takeover guide in S1 with a transfer history
// row, the refusals stay flagged with a task for the store manager, g1's
// open tasks went with each customer and g1's group has a new owner.
func TestGuideLeaves(t *testing.T) {
	for _, tc := range []struct{ name, driver, redis string }{
		{"mysql", config.DriverMySQL, config.RedisStandalone},
		{"sqlite", config.DriverSQLite, config.RedisEmbedded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			guideLeaves(t, stack.Start(t, sb, stack.Options{Driver: tc.driver, RedisMode: tc.redis}))
		})
	}
}

func guideLeaves(t *testing.T, s *stack.Stack) {
	ctx := context.Background()
	c := newChain(t, s)
	leaving := c.adds(t, "g1", 14)
	for _, g := range []string{"g2", "g3", "g4", "g5", "h1"} {
		c.adds(t, g, 2)
	}
	chat, err := s.SC.CreateGroup(sandboxGroup("g1", "g1 的福利群", leaving[:3]))
	require.NoError(t, err)
	s.Settle(t, 30*time.Second)
	for _, ext := range leaving {
		require.Equal(t, "g1", c.owner(t, ext).UserID, "assignment made g1 the owner")
	}
	c.task(t, "g1", leaving[0], "test:0")
	c.task(t, "g1", leaving[1], "test:1")
	c.task(t, "g1", leaving[2], "test:2")

	c.leave(t, "g1")
	tr := c.start(t, app.StartTransfer{UserID: "g1", Rule: app.TransferRoundRobin})
	assert.Equal(t, app.TransferResigned, tr.Mode, "a guide marked left goes through 离职继承")
	assert.Equal(t, 14, tr.Counts[app.ItemWaiting], "every customer sent and waiting")
	assert.Equal(t, 4, c.calls("externalcontact/resigned/transfer_customer"), "one call per takeover guide")
	assert.Zero(t, c.calls("externalcontact/transfer_customer"))

	refusing := []string{leaving[2], leaving[5], leaving[9]}
	for _, ext := range refusing {
		require.NoError(t, s.SC.CustomerRefusesTransfer(ext))
	}
	s.Settle(t, 30*time.Second)
	items := c.items(t, tr.ID)
	for _, ext := range refusing {
		assert.Equal(t, app.ItemRefused, items[ext].State, "transfer_fail settled it at once")
	}

	s.SC.Advance(24 * time.Hour)
	c.follow(t)
	tr = c.find(t, tr.ID)
	assert.Equal(t, app.TransferDone, tr.Status)
	assert.Equal(t, map[string]int{app.ItemSucceeded: 11, app.ItemRefused: 3}, tr.Counts)
	c.checkAccepted(t, tr, refusing)
	c.checkRefused(t, tr, refusing)
	c.checkGroup(t, tr, chat)

	before := count(t, s, "SELECT COUNT(*) FROM assignments")
	require.NoError(t, s.Transfers.FollowTransfers(ctx, s.Corp.ID))
	require.NoError(t, s.Transfers.Advance(ctx, s.Corp.ID, tr.ID))
	assert.Equal(t, before, count(t, s, "SELECT COUNT(*) FROM assignments"), "a settled transfer changes nothing again")
}

// checkAccepted: each accepted customer is owned by their takeover guide
// in S1, with one transfer history row, in the sandbox too; the
// customers were dealt round-robin and g1's tasks followed them.
func (c *chain) checkAccepted(t *testing.T, tr *app.Transfer, refusing []string) {
	ctx := context.Background()
	items := c.items(t, tr.ID)
	per := map[string]int{}
	for _, ext := range c.customers["g1"] {
		it := items[ext]
		per[it.ToUserID]++
		if slices.Contains(refusing, ext) {
			continue
		}
		require.Equal(t, app.ItemSucceeded, it.State, ext)
		o := c.owner(t, ext)
		assert.Equal(t, it.ToUserID, o.UserID)
		assert.Equal(t, c.stores["S1"].ID, *o.StoreID, "same store")
		hist, err := c.s.Assign.History(ctx, c.s.Corp.ID, ext)
		require.NoError(t, err)
		last := hist[len(hist)-1]
		assert.Equal(t, app.RuleTransfer, last.Rule)
		assert.Equal(t, "g1", last.FromUserID)
		assert.Equal(t, it.ToUserID, last.ToUserID)
		assert.Equal(t, "user:1", last.Actor)
		assert.Contains(t, last.Reason, "离职继承")
		_, ok := c.s.SC.Follow(it.ToUserID, ext)
		assert.True(t, ok, "WeCom moved the relation")
	}
	assert.Equal(t, map[string]int{"g2": 4, "g3": 4, "g4": 3, "g5": 3}, per, "round-robin over the store's other guides")
	for i, ext := range c.customers["g1"][:2] {
		tasks, err := c.s.Todo.OpenTasks(ctx, c.s.Corp.ID, items[ext].ToUserID, ext)
		require.NoError(t, err)
		require.Len(t, tasks, 1, "g1's open task %d moved to the takeover guide", i)
	}
	c.s.Settle(t, 30*time.Second) // the reads queued after each takeover
	followed, err := db.NewDirectoryStore(c.s.DB).FollowedBy(ctx, c.s.Corp.ID, "g2")
	require.NoError(t, err)
	assert.Len(t, followed, 2+4, "the directory shows g2's new relations")
}

// checkRefused: refusals keep their owner, are flagged, and the store
// manager has one task per refusal plus g1's task about that customer.
func (c *chain) checkRefused(t *testing.T, tr *app.Transfer, refusing []string) {
	ctx := context.Background()
	items := c.items(t, tr.ID)
	for _, ext := range refusing {
		it := items[ext]
		assert.True(t, it.Flagged)
		assert.Equal(t, app.ReasonCustomerRefused, it.Reason)
		assert.Equal(t, "g1", c.owner(t, ext).UserID, "the customer stays where they were")
	}
	tasks, err := c.s.Todo.OpenTasks(ctx, c.s.Corp.ID, "m1", "")
	require.NoError(t, err)
	var kinds []string
	for _, task := range tasks {
		kinds = append(kinds, task.Kind+":"+task.ExternalUserID)
	}
	assert.ElementsMatch(t, []string{
		app.TaskTransferRefused + ":" + refusing[0], app.TaskTransferRefused + ":" + refusing[1], app.TaskTransferRefused + ":" + refusing[2],
		app.TaskFollowUp + ":" + refusing[0],
	}, kinds, "a follow-up per refusal, and g1's open task about the refusing customer")
	left, err := c.s.Todo.OpenTasks(ctx, c.s.Corp.ID, "g1", "")
	require.NoError(t, err)
	assert.Empty(t, left, "nothing stays with the leaver")
}

// checkGroup: g1's group went to the first takeover guide in WeCom, in
// Siyu's mirror (through the change_owner callback) and in the transfer.
func (c *chain) checkGroup(t *testing.T, tr *app.Transfer, chat string) {
	_, groups, err := c.s.Transfers.FindTransfer(context.Background(), c.s.Corp.ID, tr.ID, admin)
	require.NoError(t, err)
	require.Len(t, groups, 1)
	assert.Equal(t, app.GroupSucceeded, groups[0].State)
	assert.Equal(t, "g2", groups[0].ToUserID)
	for _, g := range c.s.SC.Snapshot().Groups {
		if g.ChatID == chat {
			assert.Equal(t, "g2", g.Owner, "the sandbox group has its new owner")
		}
	}
	owner, err := db.NewDirectoryStore(c.s.DB).GroupOwner(context.Background(), c.s.Corp.ID, chat)
	require.NoError(t, err)
	assert.Equal(t, "g2", owner)
	assert.Equal(t, 1, c.calls("externalcontact/groupchat/transfer"))
}

func count(t *testing.T, s *stack.Stack, query string) int {
	var n int
	require.NoError(t, s.DB.SQL().QueryRow(query).Scan(&n))
	return n
}
