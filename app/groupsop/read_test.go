package groupsop_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// firedKeys reads the ledger of SOP id as "step/chat/occurrence", failing
// on a key seen twice.
func (w *world) firedKeys(t *testing.T, id int64) map[string]bool {
	rows, err := w.s.DB.SQL().Query("SELECT step_id, chat_id, occurrence FROM group_sop_fires WHERE corp_id = ? AND sop_id = ?", w.s.Corp.ID, id)
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var step int
		var chat, occ string
		require.NoError(t, rows.Scan(&step, &chat, &occ))
		k := fmt.Sprintf("%d/%s/%s", step, chat, occ)
		require.False(t, out[k], "fired twice: %s", k)
		out[k] = true
	}
	return out
}

// taskCount counts the SOP's tasks, one per source.
func (w *world) taskCount(t *testing.T, id int64) int {
	var n, sources int
	require.NoError(t, w.s.DB.SQL().QueryRow("SELECT COUNT(*), COUNT(DISTINCT source) FROM guide_tasks WHERE corp_id = ? AND kind = ? AND source LIKE ?",
		w.s.Corp.ID, app.TaskSOPStep, fmt.Sprintf("gs:%d:%%", id)).Scan(&n, &sources))
	require.Equal(t, n, sources)
	return n
}

// unreminded counts SOP tasks no reminder lists.
func (w *world) unreminded(t *testing.T) int {
	var n int
	require.NoError(t, w.s.DB.SQL().QueryRow(`SELECT COUNT(*) FROM guide_tasks t WHERE t.corp_id = ? AND t.kind = ?
 AND NOT EXISTS (SELECT 1 FROM reminder_items i WHERE i.corp_id = t.corp_id AND i.task_id = t.id)`, w.s.Corp.ID, app.TaskSOPStep).Scan(&n))
	return n
}

// maxInWindow is the most messages any member got within d, by a plain
// pass over the log.
func maxInWindow(msgs []sandbox.AppMessage, d time.Duration) int {
	best := 0
	for i, a := range msgs {
		n := 0
		for _, b := range msgs[i:] {
			if b.UserID == a.UserID && b.Time.Sub(a.Time) < d {
				n++
			}
		}
		best = max(best, n)
	}
	return best
}
