package groupsop_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// The report counts each group's steps by name: a step done verified, a
// step done self-reported (自报), open ones, and an open one more than a
// day past its time as overdue.
func TestGroupSOPReport(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.groups(t, []string{"o0", "o1", "o2"}, 3)
		require.NoError(t, w.s.Stores.Directory.SetStaffNames(ctx, w.s.Corp.ID, map[string]string{"o0": "小王", "o1": "小李", "o2": "小张"}))
		start := w.s.SC.Now().In(w.zone)
		sop := &app.GroupSOP{CorpID: w.s.Corp.ID, Name: "报表", Steps: []app.GroupSOPStep{
			{Kind: app.GroupStepDate, Date: start.AddDate(0, 0, 1).Format("2006-01-02"), At: "00:00", Content: "第一步"},
			{Kind: app.GroupStepDate, Date: start.AddDate(0, 0, 4).Format("2006-01-02"), At: "00:00", Content: "第二步"},
		}}
		require.NoError(t, w.sops.Create(ctx, sop))
		w.s.SC.Advance(24 * time.Hour)
		w.tick(t, false)
		admin := app.Principal{CorpID: w.s.Corp.ID, Role: app.RoleAdmin, Actor: "deployment"}
		tasks, _, err := w.s.Todo.ListTasks(ctx, w.s.Corp.ID, admin, app.TaskFilter{Kind: app.TaskSOPStep})
		require.NoError(t, err)
		require.Len(t, tasks, 3)
		for _, tk := range tasks {
			switch tk.ChatID {
			case "wrSOP0000":
				_, err = w.s.Todo.CompleteTask(ctx, w.s.Corp.ID, tk.ID, admin, true)
			case "wrSOP0001":
				_, err = w.s.Todo.CompleteTask(ctx, w.s.Corp.ID, tk.ID, admin, false)
			}
			require.NoError(t, err)
		}
		w.s.SC.Advance(3 * 24 * time.Hour)
		w.tick(t, false)
		rows, err := w.sops.Report(ctx, w.s.Corp.ID, sop.ID)
		require.NoError(t, err)
		want := []app.GroupSOPReportRow{
			{ChatID: "wrSOP0000", Owner: "o0", GroupName: "福利群0", OwnerName: "小王", Done: 1, Verified: 1, Open: 1},
			{ChatID: "wrSOP0001", Owner: "o1", GroupName: "福利群1", OwnerName: "小李", Done: 1, SelfReported: 1, Open: 1},
			{ChatID: "wrSOP0002", Owner: "o2", GroupName: "福利群2", OwnerName: "小张", Open: 2, Overdue: 1},
		}
		assert.Equal(t, want, rows)
	})
}
