package transfer_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary (the SDK's base URL is
// process-wide); each test has a corp of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 17}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

// chain is the test's organisation: store S1 with manager m1 and guides
// g1…g5, store S2 with manager m2 and guides h1, h2; and the customers
// each member added, in the order they added them.
type chain struct {
	s         *stack.Stack
	stores    map[string]*app.Store
	guides    map[string]*app.Guide
	customers map[string][]string
}

func newChain(t testing.TB, s *stack.Stack) *chain {
	ctx := context.Background()
	org := db.NewOrgStore(s.DB)
	c := &chain{s: s, stores: map[string]*app.Store{}, guides: map[string]*app.Guide{}, customers: map[string][]string{}}
	for _, code := range []string{"S1", "S2"} {
		st := &app.Store{CorpID: s.Corp.ID, Code: code, Name: code + "店", Kind: app.StoreKindStore, Status: app.StoreOpen}
		require.NoError(t, org.CreateStore(ctx, st))
		c.stores[code] = st
	}
	c.addGuide(t, "m1", "S1", app.GuideRoleManager)
	for j := 1; j <= 5; j++ {
		c.addGuide(t, fmt.Sprintf("g%d", j), "S1", app.GuideRoleGuide)
	}
	c.addGuide(t, "m2", "S2", app.GuideRoleManager)
	c.addGuide(t, "h1", "S2", app.GuideRoleGuide)
	c.addGuide(t, "h2", "S2", app.GuideRoleGuide)
	return c
}

func (c *chain) addGuide(t testing.TB, userID, store, role string) {
	g := &app.Guide{CorpID: c.s.Corp.ID, UserID: userID, StoreID: c.stores[store].ID, Role: role, Status: app.GuideActive}
	require.NoError(t, db.NewOrgStore(c.s.DB).CreateGuide(context.Background(), g))
	require.NoError(t, c.s.SC.AddMember(sandbox.Member{UserID: userID, Name: "导购" + userID, ContactEnabled: true}))
	c.guides[userID] = g
}

// adds has n new customers add the member in the sandbox (no channel:
// assignment makes the member their owner).
func (c *chain) adds(t testing.TB, userID string, n int) []string {
	var ids []string
	for range n {
		a, err := c.s.SC.CustomerAdds(sandbox.Add{UserID: userID})
		require.NoError(t, err)
		ids = append(ids, a.ExternalUserID)
	}
	c.customers[userID] = append(c.customers[userID], ids...)
	return ids
}

// task gives a guide an open task about a customer, as assignment's
// follow-ups are made.
func (c *chain) task(t testing.TB, userID, ext, source string) {
	_, err := c.s.Todo.CreateTask(context.Background(), &app.GuideTask{CorpID: c.s.Corp.ID, UserID: userID,
		ExternalUserID: ext, Kind: app.TaskFollowUp, Title: "回访", Source: source})
	require.NoError(t, err)
}

// leave marks the guide resigned in WeCom and left in Siyu.
func (c *chain) leave(t testing.TB, userID string) {
	require.NoError(t, c.s.SC.MemberResigns(userID))
	require.NoError(t, db.NewOrgStore(c.s.DB).LeaveGuide(context.Background(), c.s.Corp.ID, c.guides[userID].ID, time.Now().UTC()))
}

// follow runs the periodic follow-up the way the scheduler does: through
// the queue, into the worker.
func (c *chain) follow(t testing.TB) {
	_, err := c.s.Queue.Enqueue(tasks.NewTransferFollowTask())
	require.NoError(t, err)
	c.s.Settle(t, 30*time.Second)
}

var admin = app.Principal{CorpID: 0, Role: app.RoleAdmin, Actor: "user:1", Name: "alice"}

// start starts a transfer as admin and waits for its first steps.
func (c *chain) start(t testing.TB, req app.StartTransfer) *app.Transfer {
	req.CorpID = c.s.Corp.ID
	if req.By.Role == "" {
		req.By = admin
	}
	tr, err := c.s.Transfers.StartTransfer(context.Background(), req)
	require.NoError(t, err)
	c.s.Settle(t, 30*time.Second)
	return c.find(t, tr.ID)
}

func (c *chain) find(t testing.TB, id int64) *app.Transfer {
	tr, _, err := c.s.Transfers.FindTransfer(context.Background(), c.s.Corp.ID, id, admin)
	require.NoError(t, err)
	return tr
}

// items returns every item of a transfer by customer.
func (c *chain) items(t testing.TB, id int64) map[string]app.TransferItem {
	out := map[string]app.TransferItem{}
	for after := int64(0); ; {
		page, next, err := c.s.Transfers.ListTransferItems(context.Background(), c.s.Corp.ID, id, admin,
			app.TransferFilter{Page: app.Page{After: after, Limit: app.MaxPageSize}})
		require.NoError(t, err)
		for _, it := range page {
			out[it.ExternalUserID] = it
		}
		if after = next; next == 0 {
			return out
		}
	}
}

// owner is the customer's owner in the shared scope.
func (c *chain) owner(t testing.TB, ext string) app.Owner {
	o, err := db.NewAssignStore(c.s.DB).FindOwner(context.Background(), c.s.Corp.ID, 0, ext)
	require.NoError(t, err)
	return *o
}

// calls counts the sandbox calls of one API, leaving out those refused
// for an expired token (moving the clock a day expires it; the client
// fetches a new one and calls again).
func (c *chain) calls(api string) int {
	n := 0
	for _, r := range c.s.SC.Calls() {
		if r.API == api && r.ErrCode != 42001 && r.ErrCode != 40014 {
			n++
		}
	}
	return n
}

func sandboxGroup(owner, name string, members []string) sandbox.NewGroup {
	return sandbox.NewGroup{Owner: owner, Name: name, Members: members}
}
