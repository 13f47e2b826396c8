package assign_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// poolWorld is a chain whose customers wait in the pool: added to a
// member who is not a guide, without a channel (no store) or through
// 徐汇店's code (its pool).
type poolWorld struct {
	*stack
	c                          *chain
	operator, manager, analyst app.Principal
}

func newPoolWorld(t *testing.T, driver, redis string) *poolWorld {
	s := startStack(t, driver, redis)
	c := s.newChain(t)
	c.addGuide(t, s, "S1m", "S1", app.GuideRoleManager)
	require.NoError(t, s.sc.AddMember(sandbox.Member{UserID: "boss", Name: "老板", ContactEnabled: true}))
	c.addChannel(t, s, app.Channel{State: "px", Kind: app.ChannelStore, StoreID: &c.stores["S1"].ID, Members: members(nil, "boss")})
	id := s.corp.ID
	return &poolWorld{stack: s, c: c, operator: app.Principal{CorpID: id, Role: app.RoleOperator, Actor: "user:1", Name: "operator1"},
		manager: app.Principal{CorpID: id, Role: app.RoleStoreManager, Actor: "user:2", Name: "S1m"},
		analyst: app.Principal{CorpID: id, Role: app.RoleAnalyst, Actor: "user:3", Name: "analyst1"}}
}

// pooled adds a customer through state (none: no channel) to the
// member who is not a guide and waits until they are in the pool.
func (w *poolWorld) pooled(t *testing.T, state string) string {
	added, err := w.sc.CustomerAdds(sandbox.Add{UserID: "boss", State: state})
	require.NoError(t, err)
	w.settle(t, time.Minute)
	o := w.owner(t, added.ExternalUserID)
	require.Equal(t, app.OwnerPool, o.Status, "the customer waits in the pool")
	return added.ExternalUserID
}

func (w *poolWorld) owner(t *testing.T, ext string) app.Owner {
	owners, err := w.assign.OwnerOf(context.Background(), w.corp.ID, ext)
	require.NoError(t, err)
	require.Len(t, owners, 1)
	return owners[0]
}

// records counts what a manual assignment writes about ext: history rows,
// tasks, audit entries.
func (w *poolWorld) records(t *testing.T, ext string) (hist, tasks, audits int) {
	ctx := context.Background()
	h, err := w.assign.History(ctx, w.corp.ID, ext)
	require.NoError(t, err)
	ts, _, err := w.h.Todo.ListTasks(ctx, w.corp.ID, app.Principal{CorpID: w.corp.ID, Role: app.RoleAdmin}, app.TaskFilter{ExternalUserID: ext})
	require.NoError(t, err)
	as, err := w.h.Audit.List(ctx, app.AuditFilter{CorpID: w.corp.ID, TargetType: "customer", TargetID: ext, Limit: 50})
	require.NoError(t, err)
	return len(h), len(ts), len(as)
}

// refused asserts err refuses field for a reason containing want.
func refused(t *testing.T, err error, field, want string) {
	t.Helper()
	require.Equal(t, app.EINVALID, app.ErrorCode(err), "%v", err)
	for _, f := range app.ErrorFields(err) {
		if f.Field == field {
			assert.Contains(t, f.Reason, want)
			return
		}
	}
	t.Errorf("no refusal of %s in %v", field, app.ErrorFields(err))
}

// An operator or a store manager gives pooled customers to a guide by
// hand: the owner changes once, with one history row, one audit entry and
// one follow-up task, however often the request is sent; what cannot be
// given is refused with its reason, and nothing of the request is given.
func TestAssignManually(t *testing.T) {
	for _, db := range [][2]string{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(db[0], func(t *testing.T) { manualCases(t, newPoolWorld(t, db[0], db[1])) })
	}
}

func manualCases(t *testing.T, w *poolWorld) {
	ctx, corp := context.Background(), w.corp.ID
	online, home := w.pooled(t, ""), w.pooled(t, "px")
	assert.Equal(t, w.c.stores["S1"].ID, *w.owner(t, home).StoreID, "pooled for 徐汇店")
	t.Run("OK", func(t *testing.T) {
		n, err := w.assign.AssignManually(ctx, corp, w.operator, []string{online}, "S2g1")
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		o := w.owner(t, online)
		assert.Equal(t, app.OwnerAssigned, o.Status)
		assert.Equal(t, "S2g1", o.UserID)
		assert.Equal(t, w.c.stores["S2"].ID, *o.StoreID, "the guide's store")
		hist, err := w.assign.History(ctx, corp, online)
		require.NoError(t, err)
		last := hist[len(hist)-1]
		assert.Equal(t, app.RuleManual, last.Rule)
		assert.Equal(t, "user:1", last.Actor)
		assert.Equal(t, "运营 operator1 从客户池手动分配", last.Reason)
		open, err := w.h.Todo.OpenTasks(ctx, corp, "S2g1", online)
		require.NoError(t, err)
		require.Len(t, open, 1, "the guide has a follow-up task")
		assert.Equal(t, app.TaskFollowUp, open[0].Kind)
		_, _, audits := w.records(t, online)
		assert.Equal(t, 1, audits, "the decision is audited")
	})
	t.Run("Twice", func(t *testing.T) {
		h, ts, as := w.records(t, online)
		n, err := w.assign.AssignManually(ctx, corp, w.operator, []string{online, online}, "S2g1")
		require.NoError(t, err, "a retry of the same request succeeds")
		assert.Equal(t, 1, n)
		h2, ts2, as2 := w.records(t, online)
		assert.Equal(t, [3]int{h, ts, as}, [3]int{h2, ts2, as2}, "nothing is recorded again")
	})
	t.Run("ErrNoLongerPooled", func(t *testing.T) {
		_, err := w.assign.AssignManually(ctx, corp, w.operator, []string{home, online}, "S2g2")
		refused(t, err, "external_userids[1]", "已不在客户池")
		assert.Equal(t, app.OwnerPool, w.owner(t, home).Status, "nothing of the request is given")
	})
	t.Run("ErrLeftGuide", func(t *testing.T) {
		g := w.c.byUser["S1g5"]
		require.NoError(t, w.h.Org.LeaveGuide(ctx, corp, g.ID))
		_, err := w.assign.AssignManually(ctx, corp, w.operator, []string{home}, "S1g5")
		refused(t, err, "userid", "已离职")
		_, err = w.assign.AssignManually(ctx, corp, w.operator, nil, "boss")
		refused(t, err, "userid", "不是导购")
		refused(t, err, "external_userids", "至少一位客户")
	})
	t.Run("ErrStoreManagerOutsideTheirStore", func(t *testing.T) {
		other := w.pooled(t, "")
		_, err := w.assign.AssignManually(ctx, corp, w.manager, []string{home}, "S2g1")
		refused(t, err, "userid", "本店的导购")
		_, err = w.assign.AssignManually(ctx, corp, w.manager, []string{other}, "S1g1")
		refused(t, err, "external_userids[0]", "不在本店的客户池")
		_, err = w.assign.AssignManually(ctx, corp, w.analyst, []string{other}, "S1g1")
		assert.Equal(t, app.EFORBIDDEN, app.ErrorCode(err))
	})
	t.Run("StoreManagerInTheirStore", func(t *testing.T) {
		n, err := w.assign.AssignManually(ctx, corp, w.manager, []string{home}, "S1g1")
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		assert.Equal(t, "S1g1", w.owner(t, home).UserID)
	})
	t.Run("ErrPlacedByThePoolRun", func(t *testing.T) {
		late := w.pooled(t, "px")
		placed, err := w.assign.AssignPool(ctx, corp, w.sc.Now())
		require.NoError(t, err)
		require.Positive(t, placed)
		_, err = w.assign.AssignManually(ctx, corp, w.manager, []string{late}, "S1g2")
		refused(t, err, "external_userids[0]", "已不在客户池")
		h, ts, _ := w.records(t, late)
		assert.Equal(t, [2]int{2, 1}, [2]int{h, ts}, "the pool run's placement alone")
	})
}
