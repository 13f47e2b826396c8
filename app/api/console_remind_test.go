package api_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// 提醒记录 lists reminder batches newest first with the guide by name,
// items, state and times in the corp's zone, pages by number, and counts
// the tasks still waiting; operators see it, analysts and store managers
// do not. The task list shows a task's content to send, and a group's
// task by its group.
func TestConsoleReminders(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		ctx := context.Background()
		store := db.NewRemindStore(d)
		for i := range 25 {
			b := &app.ReminderBatch{CorpID: c.corp.ID, UserID: "g1", BatchKey: "t" + strconv.Itoa(i), Items: i + 1,
				Status: app.ReminderClaimed, Title: "待办提醒：" + strconv.Itoa(i+1) + " 项新待办",
				Body: `<div class="normal">流失提醒｜王女士&amp;李先生：第` + strconv.Itoa(i) + `步</div>`, URL: "https://x/panel/tasks"}
			ok, err := store.ClaimBatch(ctx, b, []int64{int64(1000 + i)})
			require.NoError(t, err)
			require.True(t, ok)
			if i < 24 {
				at := time.Date(2026, 5, 1, 1, 30, 0, 0, time.UTC) // 09:30 in Shanghai
				require.NoError(t, store.MarkBatch(ctx, c.corp.ID, b.ID, app.ReminderSent, "m", "", &at))
			} else {
				require.NoError(t, store.MarkBatch(ctx, c.corp.ID, b.ID, app.ReminderClaimed, "", "企业微信暂时无法访问", nil))
			}
		}
		_, err := c.g.Todo.CreateTask(ctx, &app.GuideTask{CorpID: c.corp.ID, UserID: "g1", ChatID: "wrGroup1", Kind: app.TaskSOPStep,
			Title: "周末活动预告", Content: "本周六全场8折", Source: "sop:1"})
		require.NoError(t, err)
		_, err = c.g.Todo.CreateTask(ctx, &app.GuideTask{CorpID: c.corp.ID, UserID: "g1", ExternalUserID: "wmX", Kind: app.TaskJourneyStep,
			Title: "生日问候", Content: "生日快乐！", Source: "journey:1"})
		require.NoError(t, err)

		olga := c.signIn(t, "olga")
		page := olga.get(t, "/console/reminders", http.StatusOK)
		assert.Contains(t, page, "李导购", "the guide by name")
		assert.Contains(t, page, "待办提醒：25 项新待办", "newest first")
		assert.Contains(t, page, "<li>流失提醒｜王女士&amp;李先生：第24步</li>", "the lines as the guide read them, escaped once")
		assert.Contains(t, page, "等待发送")
		assert.Contains(t, page, "企业微信暂时无法访问")
		assert.Contains(t, page, "2 项待办等待下一批提醒")
		assert.NotContains(t, page, "待办提醒：5 项新待办", "20 a page")
		second := olga.get(t, "/console/reminders?page=2", http.StatusOK)
		assert.Contains(t, second, "待办提醒：5 项新待办")
		assert.Contains(t, second, "2026-05-01 09:30", "sent time in the corp's zone")
		assert.NotContains(t, second, "待办提醒：6 项新待办")

		for _, who := range []string{"ann", "m1"} {
			s := c.signIn(t, who)
			assert.NotContains(t, s.get(t, "/console/", http.StatusOK), `href="/console/reminders"`, who)
		}
		tasks := olga.get(t, "/console/tasks?status=open", http.StatusOK)
		assert.Contains(t, tasks, "本周六全场8折")
		assert.Contains(t, tasks, "生日快乐！")
		assert.Contains(t, tasks, "群「未命名客户群」")
	})
}
