package todo_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// fixture is the task capability on a fresh database: stores 东 (guide
// g1, manager em) and 西 (guide g2, manager wm), and the callers.
type fixture struct {
	core              *root.Core
	corp              int64
	admin, east, west app.Principal
	ctx               context.Context
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	core := root.NewCore(d, testkit.Box(t), auth.Options{})
	ctx := app.WithActor(context.Background(), "user:1")
	c := &app.Corp{CorpID: testkit.RandomName("ww"), Name: "待办测试"}
	require.NoError(t, core.Stores.Corps.CreateCorp(ctx, c))
	for _, st := range []app.Store{{Code: "E", Name: "东门店"}, {Code: "W", Name: "西门店"}} {
		st.CorpID = c.ID
		require.NoError(t, core.Org.CreateStore(ctx, &st))
	}
	for _, g := range []app.Guide{{UserID: "g1", StoreCode: "E"}, {UserID: "em", StoreCode: "E", Role: app.GuideRoleManager},
		{UserID: "g2", StoreCode: "W"}, {UserID: "wm", StoreCode: "W", Role: app.GuideRoleManager}} {
		g.CorpID = c.ID
		require.NoError(t, core.Org.CreateGuide(ctx, &g))
	}
	return &fixture{core: core, corp: c.ID, ctx: ctx, admin: app.Principal{CorpID: c.ID, Role: app.RoleAdmin, Actor: "user:1"},
		east: app.Principal{CorpID: c.ID, Role: app.RoleStoreManager, Actor: "user:2", Name: "em"},
		west: app.Principal{CorpID: c.ID, Role: app.RoleStoreManager, Actor: "user:3", Name: "wm"}}
}

func (f *fixture) task(t *testing.T, userID, source string) *app.GuideTask {
	due := time.Now().Add(time.Hour)
	tk := &app.GuideTask{CorpID: f.corp, UserID: userID, ExternalUserID: "wm_" + source, Kind: app.TaskFollowUp, Title: "回访 " + source,
		Source: source, DueAt: &due}
	created, err := f.core.Todo.CreateTask(f.ctx, tk)
	require.NoError(t, err)
	require.True(t, created)
	return tk
}

func TestTasks(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		svc := f.core.Todo
		t.Run("OnePerSource", func(t *testing.T) {
			first := f.task(t, "g1", "k1")
			again := &app.GuideTask{CorpID: f.corp, UserID: "g1", ExternalUserID: "wm_k1", Kind: app.TaskFollowUp, Title: "回访", Source: "k1"}
			created, err := svc.CreateTask(f.ctx, again)
			require.NoError(t, err)
			assert.False(t, created, "retried work makes no second task")
			assert.NotNil(t, first.StoreID, "the task carries its guide's store")
		})
		t.Run("EveryInvalidFieldAtOnce", func(t *testing.T) {
			_, err := svc.CreateTask(f.ctx, &app.GuideTask{CorpID: f.corp, UserID: "nobody", Kind: app.TaskManual})
			require.Error(t, err)
			var fields []string
			for _, fe := range app.ErrorFields(err) {
				fields = append(fields, fe.Field)
			}
			assert.ElementsMatch(t, []string{"title", "external_userid", "userid"}, fields)
		})
		t.Run("StoreManagersSeeTheirStore", func(t *testing.T) {
			west := f.task(t, "g2", "w1")
			east, _, err := svc.ListTasks(f.ctx, f.corp, f.east, app.TaskFilter{})
			require.NoError(t, err)
			for _, tk := range east {
				assert.Equal(t, "g1", tk.UserID, "only the east store's tasks")
			}
			_, err = svc.FindTask(f.ctx, f.corp, west.ID, f.east)
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "another store's task is not found")
			_, _, err = svc.ListTasks(f.ctx, f.corp, f.admin, app.TaskFilter{Status: "whatever"})
			assert.Equal(t, app.EINVALID, app.ErrorCode(err), "an unknown status is refused")
		})
		t.Run("ReassignWithinTheStore", func(t *testing.T) {
			tk := f.task(t, "g1", "r1")
			_, err := svc.ReassignTask(f.ctx, f.corp, tk.ID, f.east, "g2", nil)
			assert.Equal(t, app.EINVALID, app.ErrorCode(err), "a store manager gives tasks to their store's guides only")
			got, err := svc.ReassignTask(f.ctx, f.corp, tk.ID, f.admin, "g2", nil)
			require.NoError(t, err)
			assert.Equal(t, "g2", got.UserID)
			west, _, err := svc.ListTasks(f.ctx, f.corp, f.west, app.TaskFilter{UserID: "g2"})
			require.NoError(t, err)
			assert.True(t, containsTask(west, tk.ID), "the task moved to the new guide's store")
		})
		t.Run("CompleteOnce", func(t *testing.T) {
			tk := f.task(t, "g1", "c1")
			done, err := svc.CompleteTask(f.ctx, f.corp, tk.ID, f.east, false)
			require.NoError(t, err)
			assert.Equal(t, app.TaskDone, done.Status)
			assert.Equal(t, app.TaskSelfReported, done.DoneHow)
			assert.Equal(t, "user:2", done.DoneBy)
			_, err = svc.CompleteTask(f.ctx, f.corp, tk.ID, f.admin, true)
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "a done task cannot be completed again")
			verified := f.task(t, "g1", "c2")
			got, err := svc.CompleteTask(f.ctx, f.corp, verified.ID, f.admin, true)
			require.NoError(t, err)
			assert.Equal(t, app.TaskVerified, got.DoneHow)
		})
		t.Run("MovesWithTheCustomer", func(t *testing.T) {
			tk := f.task(t, "g1", "m1")
			n, err := svc.MoveOpenTasks(f.ctx, f.corp, "g1", tk.ExternalUserID, "g2")
			require.NoError(t, err)
			assert.EqualValues(t, 1, n)
			open, err := svc.OpenTasks(f.ctx, f.corp, "g2", tk.ExternalUserID)
			require.NoError(t, err)
			require.Len(t, open, 1)
			assert.Equal(t, tk.ID, open[0].ID)
		})
	})
}

func containsTask(ts []app.GuideTask, id int64) bool {
	for _, t := range ts {
		if t.ID == id {
			return true
		}
	}
	return false
}
