package remind_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// The panel's today is the corp's: due before tomorrow's midnight in
// Shanghai (overdue included) and undated, soonest first; a group lists
// the viewer's tasks about it, by the group's name; done is the viewer's
// own task, self-reported, once.
func TestPanelTasks(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.guide(t, "v1", 5)
		w.guide(t, "v2", 1)
		chat, err := w.s.SC.CreateGroup(sandbox.NewGroup{Owner: "v1", Name: "徐汇店1群"})
		require.NoError(t, err)
		w.s.Settle(t, 60*time.Second)
		now := w.s.SC.Now()
		zone, err := time.LoadLocation("Asia/Shanghai")
		require.NoError(t, err)
		l := now.In(zone)
		midnight := time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, zone)
		due := map[int]*time.Time{0: ptr(now.Add(-48 * time.Hour)), 1: ptr(midnight.Add(-time.Minute)), 2: ptr(midnight), 3: nil}
		ids := map[int]int64{}
		for i, at := range due {
			task := &app.GuideTask{CorpID: w.s.Corp.ID, UserID: "v1", ExternalUserID: w.customers["v1"][i], Kind: app.TaskJourneyStep,
				Title: "步骤", Content: "内容", DueAt: at, Source: "p:" + string(rune('a'+i))}
			_, err := w.s.Todo.CreateTask(ctx, task)
			require.NoError(t, err)
			ids[i] = task.ID
		}
		step := &app.GuideTask{CorpID: w.s.Corp.ID, UserID: "v1", ChatID: chat, Kind: app.TaskSOPStep, Title: "群公告", Content: "周末见", Source: "p:group"}
		_, err = w.s.Todo.CreateTask(ctx, step)
		require.NoError(t, err)
		other := &app.GuideTask{CorpID: w.s.Corp.ID, UserID: "v2", ChatID: chat, Kind: app.TaskSOPStep, Title: "别人的", Source: "p:other"}
		_, err = w.s.Todo.CreateTask(ctx, other)
		require.NoError(t, err)

		v1 := app.PanelViewer{CorpID: w.s.Corp.ID, WeComCorp: w.s.Corp.CorpID, UserID: "v1"}
		today, err := w.remind.TodayTasks(ctx, v1)
		require.NoError(t, err)
		var got []int64
		for _, pt := range today {
			got = append(got, pt.ID)
		}
		assert.Equal(t, []int64{ids[0], ids[1], ids[3], step.ID}, got, "overdue, due today, then undated; not tomorrow's")
		assert.True(t, today[0].Overdue)
		assert.Equal(t, w.names[w.customers["v1"][0]], today[0].Subject)
		assert.Equal(t, midnight.Add(-time.Minute).In(zone).Format("01-02 15:04"), today[1].Due)

		list, name, err := w.remind.GroupTasks(ctx, v1, chat)
		require.NoError(t, err)
		assert.Equal(t, "徐汇店1群", name)
		require.Len(t, list, 1, "only the viewer's")
		assert.Equal(t, step.ID, list[0].ID)
		assert.Equal(t, "群「徐汇店1群」", list[0].Subject)

		ext := w.customers["v1"][2]
		mine, cname, err := w.remind.CustomerTasks(ctx, v1, ext)
		require.NoError(t, err)
		assert.Equal(t, w.names[ext], cname)
		require.Len(t, mine, 1, "the customer's tasks, whatever their day")
		assert.Equal(t, ids[2], mine[0].ID)
		v2 := app.PanelViewer{CorpID: w.s.Corp.ID, WeComCorp: w.s.Corp.CorpID, UserID: "v2"}
		theirs, _, err := w.remind.CustomerTasks(ctx, v2, ext)
		require.NoError(t, err)
		assert.Empty(t, theirs, "another guide's tasks about the customer are not shown")

		_, err = w.remind.Done(ctx, v1, other.ID)
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "another guide's task")
		done, err := w.remind.Done(ctx, v1, step.ID)
		require.NoError(t, err)
		assert.Equal(t, app.TaskDone, done.Status)
		assert.Equal(t, app.TaskSelfReported, done.DoneHow)
		assert.Equal(t, "staff:v1", done.DoneBy)
		_, err = w.remind.Done(ctx, v1, step.ID)
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "done once")
	})
}

func ptr(t time.Time) *time.Time { return &t }
