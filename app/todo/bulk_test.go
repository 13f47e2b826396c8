package todo_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A batch of capability tasks is written at once, each with its guide's
// store; given again (with one new) only the new one is written; a batch
// holding one invalid task writes nothing; manual tasks are refused.
func TestCreateTasks(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		svc := f.core.Todo
		due := time.Now().Add(time.Hour)
		batch := func(from, to int) []app.GuideTask {
			var ts []app.GuideTask
			for i := from; i < to; i++ {
				ts = append(ts, app.GuideTask{CorpID: f.corp, UserID: []string{"g1", "g2", "stranger"}[i%3], ExternalUserID: fmt.Sprint("wm_b", i),
					Kind: app.TaskJourneyStep, Title: "生日关怀", Content: "生日快乐", DueAt: &due, Source: fmt.Sprint("journey:1:1:wm_b", i, ":")})
			}
			return ts
		}
		require.NoError(t, svc.CreateTasks(f.ctx, batch(0, 600)))
		assert.Equal(t, [2]int{600, 600}, count(t, d, f.corp))
		require.NoError(t, svc.CreateTasks(f.ctx, batch(0, 601)))
		assert.Equal(t, [2]int{601, 601}, count(t, d, f.corp), "only the new one, one task per source")
		list, _, err := svc.ListTasks(f.ctx, f.corp, f.admin, app.TaskFilter{Kind: app.TaskJourneyStep, Page: app.Page{Limit: 3}})
		require.NoError(t, err)
		stores := map[string]bool{}
		for _, tk := range list {
			stores[tk.UserID] = tk.StoreID != nil
			assert.Equal(t, app.TaskOpen, tk.Status)
		}
		assert.Equal(t, map[string]bool{"g1": true, "g2": true, "stranger": false}, stores, "a guide's store, none for a non-guide")

		bad := batch(700, 703)
		bad[1].Source = ""
		err = svc.CreateTasks(f.ctx, bad)
		assert.Equal(t, []string{"source"}, fieldNames(err))
		manual := batch(800, 801)
		manual[0].Kind = app.TaskManual
		err = svc.CreateTasks(f.ctx, manual)
		assert.Equal(t, []string{"kind"}, fieldNames(err))
		assert.Equal(t, [2]int{601, 601}, count(t, d, f.corp), "a refused batch writes nothing")
	})
}

// count is the corp's tasks and distinct sources.
func count(t *testing.T, d *db.DB, corpID int64) [2]int {
	var n [2]int
	require.NoError(t, d.SQL().QueryRow("SELECT COUNT(*), COUNT(DISTINCT source) FROM guide_tasks WHERE corp_id = ?", corpID).Scan(&n[0], &n[1]))
	return n
}

// fieldNames are the fields a validation error names.
func fieldNames(err error) []string {
	var out []string
	for _, f := range app.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}
