package journey_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

// heldOut is the test's own holdout rule: the mass sends' hash of
// (customer id, journey id), below the percent.
func heldOut(customerID, journeyID int64, percent int) bool {
	return ((customerID*2654435761+journeyID*40503)%4294967291)%100 < int64(percent)
}

// A journey holding out 30% records a holdout fire, and nothing else, for
// exactly the customers the hash picks (the same at every step), and a
// done fire with its guide task for everyone else; the share is checked
// (0–50) and kept through an edit.
func TestJourneyHoldout(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) {
			w := newWorld(t, driver, time.Time{})
			t0 := w.local(2027, 4, 1, 9, 0)
			w.now = t0
			svc := w.service()
			in := app.Journey{Name: "新客", Trigger: app.JourneyTrigger{Kind: app.TriggerAdded}, Reentry: app.ReentryOnce, HoldoutPercent: 60,
				Steps: []app.JourneyStep{{At: "10:00", Action: app.ActionTask, Content: "欢迎"}, {At: "10:30", Action: app.ActionTask, Content: "再见"}}}
			_, err := svc.Create(w.ctx, w.corp, "user:1", in)
			assert.Equal(t, []string{"holdout_percent"}, fieldsOf(err))
			in.HoldoutPercent = 30
			j, err := svc.Create(w.ctx, w.corp, "user:1", in)
			require.NoError(t, err)
			add := t0.Add(10 * time.Minute).UTC()
			const n = 300
			want := map[string]bool{}
			for i := range n {
				ext, g := fmt.Sprintf("wm_h%03d", i), []string{"g1", "g2"}[i%2]
				id := w.exec("INSERT INTO customers (corp_id, external_userid, created_at, updated_at) VALUES (?, ?, ?, ?)", w.corp, ext, add, add)
				w.exec("INSERT INTO follows (corp_id, userid, external_userid, add_time, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", w.corp, g, ext, add, add, add)
				w.exec("INSERT INTO customer_owners (corp_id, scope, external_userid, userid, status, assigned_at, updated_at) VALUES (?, 0, ?, ?, 'assigned', ?, ?)", w.corp, ext, g, add, add)
				want[ext] = heldOut(id, j.ID, 30)
			}
			w.moveTo(t0.Add(2 * time.Hour))
			require.NoError(t, w.service().Tick(w.ctx, w.corp))

			rows, err := w.d.SQL().Query("SELECT external_userid, step_id, status FROM journey_fires WHERE corp_id = ? AND journey_id = ?", w.corp, j.ID)
			require.NoError(t, err)
			defer rows.Close()
			held, fires := 0, 0
			for rows.Next() {
				var ext, status string
				var step int
				require.NoError(t, rows.Scan(&ext, &step, &status))
				fires++
				assert.Equal(t, map[bool]string{true: app.FireHoldout, false: app.FireDone}[want[ext]], status, "%s step %d", ext, step)
				if status == app.FireHoldout {
					held++
				}
			}
			require.NoError(t, rows.Err())
			assert.Equal(t, 2*n, fires, "a fire per customer and step, held out or not")
			assert.InDelta(t, 0.3*2*n, held, 0.1*2*n, "about 30%% held out")
			var tasks int
			require.NoError(t, w.d.SQL().QueryRow("SELECT COUNT(*) FROM guide_tasks WHERE corp_id = ? AND kind = ?", w.corp, app.TaskJourneyStep).Scan(&tasks))
			assert.Equal(t, 2*n-held, tasks, "a task for each fire not held out, none for the holdout")

			in = *j
			in.HoldoutPercent = 10
			_, err = svc.Update(w.ctx, w.corp, j.ID, "user:1", in)
			require.NoError(t, err)
			got, err := svc.Find(w.ctx, w.corp, j.ID)
			require.NoError(t, err)
			assert.Equal(t, 10, got.HoldoutPercent)
		})
	}
}
