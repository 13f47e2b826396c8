package groupsop_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// A step asking for a group mass send gives the group's owner, through
// the wired mass-send capability, exactly one WeCom task of chat_type
// group for that group, beside the step's task, though the tick runs
// twice at once and once more after.
func TestGroupSOPMassSend(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		require.NoError(t, w.s.SC.AddMember(sandbox.Member{UserID: "o1", Name: "群主一", ContactEnabled: true}))
		chat, err := w.s.SC.CreateGroup(sandbox.NewGroup{Owner: "o1", Name: "周末福利群"})
		require.NoError(t, err)
		w.s.Settle(t, 30*time.Second)
		due := w.s.SC.Now().In(w.zone).Add(time.Hour)
		sop := &app.GroupSOP{CorpID: w.s.Corp.ID, Name: "周末福利", Selection: app.GroupSelection{Owners: []string{"o1"}},
			Steps: []app.GroupSOPStep{{Kind: app.GroupStepDate, Date: due.Format("2006-01-02"), At: due.Format("15:04"), Content: "周末福利来啦", MassSend: true}}}
		require.NoError(t, w.sops.Create(ctx, sop))
		w.s.SC.Advance(2 * time.Hour)
		w.tick(t, true)
		w.tick(t, false)
		require.NoError(t, w.s.MassSends.FollowAll(ctx))
		require.NoError(t, w.s.MassSends.FollowAll(ctx))
		// The send was also queued when made: its worker may hold a chunk's
		// claim while these passes run, so wait for the queue before reading.
		w.s.Settle(t, 30*time.Second)

		var got [][]string
		for _, m := range w.s.SC.MassSends() {
			if m.Text == "周末福利来啦" {
				row := []string{m.ChatType, m.Tasks[0].UserID}
				for _, r := range m.Results {
					row = append(row, r.ChatID)
				}
				got = append(got, row)
			}
		}
		assert.Equal(t, [][]string{{"group", "o1", chat}}, got, "one group task for the owner")
		assert.Equal(t, 1, w.taskCount(t, sop.ID))
		list, _, err := w.s.MassSends.List(ctx, w.s.Corp.ID, app.MassSendFilter{Page: app.Page{Limit: 10}})
		require.NoError(t, err)
		require.Len(t, list, 1)
		assert.Equal(t, "周末福利 · 群发", list[0].Name)
	})
}
