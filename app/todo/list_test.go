package todo_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The console's 待办 list: overdue first, then the other open tasks by
// due time (none last), then closed ones; narrowed by kind; paged by
// offset; a left guide is refused a task.
func TestTaskListOverdueFirst(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		svc, now := f.core.Todo, time.Now()
		at := func(h int) *time.Time { v := now.Add(time.Duration(h) * time.Hour); return &v }
		add := func(source, kind string, due *time.Time) *app.GuideTask {
			tk := &app.GuideTask{CorpID: f.corp, UserID: "g1", ExternalUserID: "wm_" + source, Kind: kind, Title: source, Source: source, DueAt: due}
			_, err := svc.CreateTask(f.ctx, tk)
			require.NoError(t, err)
			return tk
		}
		later := add("later", app.TaskFollowUp, at(48))
		none := add("none", app.TaskFollowUp, nil)
		late := add("late", app.TaskFollowUp, at(-2))
		soon := add("soon", app.TaskManual, at(1))
		// A due time in another zone is the same instant.
		later8 := at(-30)
		local := later8.In(time.FixedZone("CST", 8*3600))
		older := add("older", app.TaskFollowUp, &local)
		closed := add("closed", app.TaskFollowUp, at(-50))
		_, err := svc.CompleteTask(f.ctx, f.corp, closed.ID, f.admin, true)
		require.NoError(t, err)

		ids := func(ts []app.GuideTask) []int64 {
			var out []int64
			for _, tk := range ts {
				out = append(out, tk.ID)
			}
			return out
		}
		t.Run("OverdueFirst", func(t *testing.T) {
			got, next, err := svc.ListTasks(f.ctx, f.corp, f.east, app.TaskFilter{Sort: app.TaskSortDue})
			require.NoError(t, err)
			assert.Zero(t, next)
			assert.Equal(t, []int64{older.ID, late.ID, soon.ID, later.ID, none.ID, closed.ID}, ids(got))
		})
		t.Run("Paged", func(t *testing.T) {
			first, next, err := svc.ListTasks(f.ctx, f.corp, f.admin, app.TaskFilter{Sort: app.TaskSortDue, Page: app.Page{Limit: 4}, StoreID: *late.StoreID})
			require.NoError(t, err)
			assert.EqualValues(t, 4, next, "the next page's offset")
			rest, next, err := svc.ListTasks(f.ctx, f.corp, f.admin, app.TaskFilter{Sort: app.TaskSortDue, Page: app.Page{Limit: 4}, StoreID: *late.StoreID, Offset: 4})
			require.NoError(t, err)
			assert.Zero(t, next)
			assert.Equal(t, []int64{older.ID, late.ID, soon.ID, later.ID, none.ID, closed.ID}, append(ids(first), ids(rest)...))
		})
		t.Run("ByKindAndStatus", func(t *testing.T) {
			got, _, err := svc.ListTasks(f.ctx, f.corp, f.east, app.TaskFilter{Sort: app.TaskSortDue, Kind: app.TaskManual, Status: app.TaskOpen})
			require.NoError(t, err)
			assert.Equal(t, []int64{soon.ID}, ids(got))
			_, _, err = svc.ListTasks(f.ctx, f.corp, f.east, app.TaskFilter{Kind: "poster", Sort: "random"})
			var fields []string
			for _, fe := range app.ErrorFields(err) {
				fields = append(fields, fe.Field)
			}
			assert.ElementsMatch(t, []string{"kind", "sort"}, fields, "every unknown value at once")
		})
		t.Run("ErrLeftGuide", func(t *testing.T) {
			g, err := f.core.Stores.Org.FindGuideByUserID(f.ctx, f.corp, "g2")
			require.NoError(t, err)
			require.NoError(t, f.core.Org.LeaveGuide(f.ctx, f.corp, g.ID))
			_, err = svc.ReassignTask(f.ctx, f.corp, soon.ID, f.admin, "g2", nil)
			require.Equal(t, app.EINVALID, app.ErrorCode(err))
			assert.Contains(t, app.ErrorFields(err)[0].Reason, "已离职")
		})
	})
}
