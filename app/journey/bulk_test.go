package journey_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/journey"
)

// A batch of task fires is given its guide tasks at once and marked done
// at once, still exactly once: a task already given before a crash (its
// fire left pending) is not given again, and two instances ticking at the
// same time, then a third tick, make one task per fire.
func TestTaskFiresInBulk(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) {
			w := newWorld(t, driver, time.Time{})
			t0 := w.local(2027, 4, 1, 9, 0)
			w.now = t0
			j, err := w.service().Create(w.ctx, w.corp, "user:1", app.Journey{Name: "新客", Trigger: app.JourneyTrigger{Kind: app.TriggerAdded},
				Reentry: app.ReentryOnce, Steps: []app.JourneyStep{{At: "10:00", Action: app.ActionTask, Content: "欢迎"}}})
			require.NoError(t, err)
			add := t0.Add(10 * time.Minute).UTC()
			const n = 700 // more than one batch of fires
			for i := range n {
				ext, g := fmt.Sprintf("wm_b%03d", i), []string{"g1", "g2"}[i%2]
				w.exec("INSERT INTO follows (corp_id, userid, external_userid, add_time, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", w.corp, g, ext, add, add, add)
				w.exec("INSERT INTO customer_owners (corp_id, scope, external_userid, userid, status, assigned_at, updated_at) VALUES (?, 0, ?, ?, 'assigned', ?, ?)", w.corp, ext, g, add, add)
			}
			given := &app.GuideTask{CorpID: w.corp, UserID: "g2", ExternalUserID: "wm_b001", Kind: app.TaskJourneyStep, Title: "新客",
				Source: fmt.Sprintf("journey:%d:1:wm_b001:", j.ID)}
			created, err := w.core.Todo.CreateTask(w.ctx, given)
			require.NoError(t, err)
			require.True(t, created)

			w.moveTo(t0.Add(90 * time.Minute))
			var g errgroup.Group
			for _, svc := range []*journey.Service{w.service(), w.service()} {
				g.Go(func() error { return svc.Tick(w.ctx, w.corp) })
			}
			require.NoError(t, g.Wait())
			w.moveTo(t0.Add(100 * time.Minute))
			require.NoError(t, w.service().Tick(w.ctx, w.corp))

			var fires, done, tasks, sources int
			require.NoError(t, w.d.SQL().QueryRow("SELECT COUNT(*), SUM(CASE WHEN status = 'done' AND result = 'ok' THEN 1 ELSE 0 END) FROM journey_fires WHERE corp_id = ? AND journey_id = ?",
				w.corp, j.ID).Scan(&fires, &done))
			require.NoError(t, w.d.SQL().QueryRow("SELECT COUNT(*), COUNT(DISTINCT source) FROM guide_tasks WHERE corp_id = ? AND kind = ?",
				w.corp, app.TaskJourneyStep).Scan(&tasks, &sources))
			assert.Equal(t, [4]int{n, n, n, n}, [4]int{fires, done, tasks, sources}, "fires, done, tasks, distinct sources")
			var stored int
			require.NoError(t, w.d.SQL().QueryRow("SELECT COUNT(*) FROM guide_tasks WHERE corp_id = ? AND userid = 'g2' AND store_id IS NOT NULL AND content = '欢迎' AND due_at IS NOT NULL",
				w.corp).Scan(&stored))
			assert.Equal(t, n/2-1, stored, "each new task with its guide's store, content and due time")
		})
	}
}
