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
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom"
)

// 250 customers to one named guide go in three transfer_customer calls
// of 100, 100 and 50, and all of them end with that guide.
func TestBatchesOfHundred(t *testing.T) {
	s := stack.Start(t, sb, stack.Options{Driver: config.DriverMySQL, RedisMode: config.RedisStandalone})
	c := newChain(t, s)
	ids := c.adds(t, "g1", 250)
	s.Settle(t, 2*time.Minute)

	tr := c.start(t, app.StartTransfer{UserID: "g1", Rule: app.TransferToGuide, ToUserID: "g3", Message: "您好，我是新的专属顾问"})
	assert.Equal(t, app.TransferOnJob, tr.Mode, "an active guide goes through 在职继承")
	assert.Equal(t, 3, c.calls("externalcontact/transfer_customer"))
	sizes := map[int]int{}
	for _, it := range c.items(t, tr.ID) {
		sizes[it.Batch]++
		assert.Equal(t, app.ItemWaiting, it.State)
	}
	assert.Equal(t, map[int]int{1: 100, 2: 100, 3: 50}, sizes)
	for _, x := range s.SC.Transfers() {
		assert.Equal(t, "您好，我是新的专属顾问", x.Message)
	}

	s.SC.Advance(24 * time.Hour)
	c.follow(t)
	tr = c.find(t, tr.ID)
	assert.Equal(t, app.TransferDone, tr.Status)
	assert.Equal(t, map[string]int{app.ItemSucceeded: 250}, tr.Counts)
	for _, ext := range ids {
		assert.Equal(t, "g3", c.owner(t, ext).UserID)
	}
	assert.Equal(t, 2, c.calls("externalcontact/transfer_result"), "one page of results per follow-up: after the start, after 24 hours")
}

// WeCom lets a customer be transferred on the job twice in 90 days. Siyu
// counts its own accepted transfers and never sends a third; one WeCom
// counts but Siyu did not make comes back as 40128 and is recorded the
// same way. 90 days later the customers can move again.
func TestNinetyDayLimit(t *testing.T) {
	for _, tc := range []struct{ name, driver, redis string }{
		{"mysql", config.DriverMySQL, config.RedisStandalone},
		{"sqlite", config.DriverSQLite, config.RedisEmbedded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ninetyDayLimit(t, stack.Start(t, sb, stack.Options{Driver: tc.driver, RedisMode: tc.redis}))
		})
	}
}

func ninetyDayLimit(t *testing.T, s *stack.Stack) {
	ctx := context.Background()
	c := newChain(t, s)
	ab := c.adds(t, "g1", 2)
	d := c.adds(t, "g4", 1)[0]
	s.Settle(t, 30*time.Second)

	onJob := func(from, to string) *app.Transfer {
		return c.start(t, app.StartTransfer{UserID: from, Rule: app.TransferToGuide, ToUserID: to})
	}
	elsewhere := func(from, to string) { // a transfer made in WeCom's admin console, not by Siyu
		cli, err := s.Clients.ContactClient(ctx, s.Corp.ID)
		require.NoError(t, err)
		res, err := cli.TransferCustomers(ctx, wecom.TransferRequest{HandoverUserID: from, TakeoverUserID: to, ExternalUserID: []string{d}})
		require.NoError(t, err)
		require.Zero(t, res[0].ErrCode)
	}
	day := func() {
		s.SC.Advance(24 * time.Hour)
		c.follow(t)
	}

	first := onJob("g1", "g2")
	elsewhere("g4", "g5")
	day()
	second := onJob("g2", "g1")
	elsewhere("g5", "g1")
	day()
	require.NoError(t, s.Dir.RefreshCustomer(ctx, s.Corp.ID, d, s.SC.Now())) // what a sync would find
	for _, tr := range []*app.Transfer{first, second} {
		assert.Equal(t, map[string]int{app.ItemSucceeded: 2}, c.find(t, tr.ID).Counts)
	}

	sent := c.calls("externalcontact/transfer_customer")
	third := onJob("g1", "g2")
	assert.Equal(t, sent+1, c.calls("externalcontact/transfer_customer"), "only the customer Siyu had no record of was sent")
	items := c.items(t, third.ID)
	for _, ext := range append(ab, d) {
		it := items[ext]
		assert.Equal(t, app.ItemRefused, it.State, ext)
		assert.Equal(t, app.ReasonTooFrequent, it.Reason)
		assert.Equal(t, 40128, it.ErrCode)
		assert.True(t, it.Flagged)
		if ext == d {
			assert.NotNil(t, it.SentAt, "WeCom refused it: 40128 after the call")
		} else {
			assert.Nil(t, it.SentAt, "over Siyu's count: never sent")
		}
	}
	assert.Equal(t, app.TransferDone, c.find(t, third.ID).Status)
	tasks, err := s.Todo.OpenTasks(ctx, s.Corp.ID, "m1", "")
	require.NoError(t, err)
	assert.Len(t, tasks, 3, "the store manager follows each up")
	for _, task := range tasks {
		assert.Equal(t, app.TaskTransferRefused, task.Kind)
		assert.Contains(t, task.Title, "90 天内已被转接 2 次")
	}

	s.SC.Advance(90 * 24 * time.Hour)
	fourth := onJob("g1", "g2")
	assert.Equal(t, map[string]int{app.ItemWaiting: 3}, c.find(t, fourth.ID).Counts, "90 days on, all three move again")
}

// A takeover guide WeCom refuses outright (not a member: 60111) fails
// every item of the call with its errcode and a follow-up task; a
// transfer_fail for a full takeover guide flags that one customer, once.
func TestTakeoverFailures(t *testing.T) {
	ctx := context.Background()
	s := stack.Start(t, sb, stack.Options{Driver: config.DriverSQLite, RedisMode: config.RedisEmbedded})
	c := newChain(t, s)
	ids := c.adds(t, "g1", 2)
	s.Settle(t, 30*time.Second)
	g6 := &app.Guide{CorpID: s.Corp.ID, UserID: "g6", StoreID: c.stores["S1"].ID, Role: app.GuideRoleGuide, Status: app.GuideActive}
	require.NoError(t, db.NewOrgStore(s.DB).CreateGuide(ctx, g6)) // bound in Siyu, unknown to WeCom

	tr := c.start(t, app.StartTransfer{UserID: "g1", Rule: app.TransferToGuide, ToUserID: "g6"})
	tr = c.find(t, tr.ID)
	assert.Equal(t, app.TransferDone, tr.Status)
	for _, it := range c.items(t, tr.ID) {
		assert.Equal(t, app.ItemFailed, it.State)
		assert.Equal(t, 60111, it.ErrCode)
		assert.True(t, it.Flagged)
	}
	tasks, err := s.Todo.OpenTasks(ctx, s.Corp.ID, "m1", "")
	require.NoError(t, err)
	require.Len(t, tasks, 2)
	assert.Contains(t, tasks[0].Title, "企业微信错误码 60111")

	tr = c.start(t, app.StartTransfer{UserID: "g1", Rule: app.TransferToGuide, ToUserID: "g2"})
	full := app.TransferFail{CorpID: s.Corp.ID, TakeoverUserID: "g2", ExternalUserID: ids[0], Reason: "customer_limit_exceed"}
	for range 2 {
		require.NoError(t, s.Transfers.TransferFailed(ctx, full))
	}
	require.NoError(t, s.Transfers.TransferFailed(ctx, app.TransferFail{CorpID: s.Corp.ID, TakeoverUserID: "g2",
		ExternalUserID: "wm-not-ours", Reason: "customer_refused"}), "a transfer Siyu did not start changes nothing")
	it := c.items(t, tr.ID)[ids[0]]
	assert.Equal(t, app.ItemLimitExceeded, it.State)
	assert.Equal(t, app.ReasonTakeoverFull, it.Reason)
	tasks, err = s.Todo.OpenTasks(ctx, s.Corp.ID, "m1", ids[0])
	require.NoError(t, err)
	assert.Len(t, tasks, 2, "the first transfer's task and this one's")
	assert.Equal(t, map[string]int{app.ItemLimitExceeded: 1, app.ItemWaiting: 1}, c.find(t, tr.ID).Counts)
}
