package remind_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// A guide's tasks arrive one by one, each followed by a sweep, faster
// than WeCom lets messages through: Siyu sends one message per sweep
// while the member's pace admits it, holds the rest back (their tasks
// wait), and sends them all in one batch a minute later. The sandbox
// shows no member over 30 a minute and nothing dropped; every task is in
// exactly one batch; the message names customers, never ids, and links
// to the panel's task page.
func TestRemindBurst(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		w.guide(t, "g1", 40)
		w.guide(t, "g2", 1)
		w.task(t, "g2", 0, app.TaskChurn)
		for i := range 40 {
			w.task(t, "g1", i, app.TaskJourneyStep)
			w.sweep(t)
			w.s.SC.Advance(time.Second)
		}
		got := delivered(t, w.s.SC)
		assert.Equal(t, 25, got["g1"], "Siyu's pace: 25 a minute, under WeCom's 30")
		assert.Equal(t, 1, got["g2"])
		assert.LessOrEqual(t, maxInWindow(w.s.SC.AppMessages(), time.Minute), sandbox.AppMsgPerMinute)

		w.s.SC.Advance(time.Minute)
		w.sweep(t)
		w.sweep(t)
		got = delivered(t, w.s.SC)
		assert.Equal(t, 26, got["g1"], "the 15 tasks held back go in one batch")
		assert.Equal(t, 1, got["g2"], "nothing new for g2")
		assert.LessOrEqual(t, maxInWindow(w.s.SC.AppMessages(), time.Minute), sandbox.AppMsgPerMinute)
		assert.LessOrEqual(t, maxInWindow(w.s.SC.AppMessages(), time.Hour), sandbox.AppMsgPerHour)

		items := map[string]int{}
		for _, b := range w.batches(t) {
			assert.Equal(t, app.ReminderSent, b.Status, b.Error)
			items[b.UserID] += b.Items
		}
		assert.Equal(t, map[string]int{"g1": 40, "g2": 1}, items, "every task in one batch")
		last := w.s.SC.AppMessages()
		msg := last[len(last)-1]
		assert.Equal(t, "g1", msg.UserID)
		assert.Equal(t, "待办提醒：15 项新待办", msg.Title)
		assert.Equal(t, panelBase+"/panel/tasks?corp="+w.s.Corp.CorpID, msg.URL)
		assert.Contains(t, msg.Content, "客户旅程｜g1的客户25：第25步")
		assert.Contains(t, msg.Content, "等共 15 项")
		assert.LessOrEqual(t, len(msg.Content), 512, "a textcard's description holds 512 bytes")
		for _, ext := range w.customers["g1"] {
			assert.NotContains(t, msg.Content, ext, "names, never ids")
		}
		for _, m := range last {
			if m.UserID == "g2" {
				assert.Contains(t, m.Content, "流失提醒｜g2的客户0")
			}
		}
		page, err := w.remind.ListReminders(context.Background(), w.s.Corp.ID, app.ReminderFilter{})
		require.NoError(t, err)
		assert.Zero(t, page.Waiting)
	})
}

// Four sweepers at once over the same guides: each guide gets one batch
// and one message, every task listed once.
func TestRemindConcurrentSweepers(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		guides := []string{"a1", "a2", "a3", "a4", "a5"}
		for _, g := range guides {
			w.guide(t, g, 3)
			for i := range 3 {
				w.task(t, g, i, app.TaskSOPStep)
			}
		}
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- w.remind.Sweep(context.Background(), w.s.Corp.ID)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		got := delivered(t, w.s.SC)
		bs := w.batches(t)
		require.Len(t, bs, len(guides))
		for _, g := range guides {
			assert.Equal(t, 1, got[g], g)
		}
		for _, b := range bs {
			assert.Equal(t, 3, b.Items)
			assert.Equal(t, app.ReminderSent, b.Status)
		}
	})
}

// A customer deletes their guide: the guide gets one churn task however
// often the event reaches the subscriber, and the next sweep reminds them
// of it by the customer's name.
func TestChurnReminder(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.guide(t, "c1", 2)
		ext := w.customers["c1"][1]
		require.NoError(t, w.s.SC.CustomerDeletesMember("c1", ext))
		w.s.Settle(t, 60*time.Second)
		list, _, err := w.s.Todo.ListTasks(ctx, w.s.Corp.ID, app.Principal{Role: app.RoleAdmin, Actor: "user:1"},
			app.TaskFilter{Kind: app.TaskChurn})
		require.NoError(t, err)
		require.Len(t, list, 1)
		assert.Equal(t, "c1", list[0].UserID)
		assert.Equal(t, ext, list[0].ExternalUserID)

		ev, err := w.s.Stores.Inbox.FindEvent(ctx, w.s.Corp.ID, strings.TrimPrefix(list[0].Source, "churn:"))
		require.NoError(t, err)
		require.NoError(t, w.s.Remind.OnFollowUserDeleted(ctx, ev), "a redelivery")
		list, _, err = w.s.Todo.ListTasks(ctx, w.s.Corp.ID, app.Principal{Role: app.RoleAdmin, Actor: "user:1"},
			app.TaskFilter{Kind: app.TaskChurn})
		require.NoError(t, err)
		require.Len(t, list, 1, "one task per event")

		w.sweep(t)
		msgs := w.s.SC.AppMessages()
		require.Len(t, msgs, 1)
		assert.Equal(t, "c1", msgs[0].UserID)
		assert.Contains(t, msgs[0].Content, "流失提醒｜"+w.names[ext])
	})
}

// A corp without its self-built app sends nothing and claims nothing:
// the tasks wait for the app, then go in one batch.
func TestRemindWithoutApp(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		w.guide(t, "n1", 2)
		w.task(t, "n1", 0, app.TaskFollowUp)
		w.task(t, "n1", 1, app.TaskTransferRefused)
		ctx := context.Background()
		agent := w.s.Corp.AgentID
		w.s.Corp.AgentID = ""
		require.NoError(t, w.s.Stores.Corps.UpdateCorpCredentials(ctx, w.s.Corp))
		w.sweep(t)
		assert.Empty(t, w.s.SC.AppMessages())
		assert.Empty(t, w.batches(t))

		w.s.Corp.AgentID = agent
		require.NoError(t, w.s.Stores.Corps.UpdateCorpCredentials(ctx, w.s.Corp))
		w.sweep(t)
		assert.Equal(t, map[string]int{"n1": 1}, delivered(t, w.s.SC))
		bs := w.batches(t)
		require.Len(t, bs, 1)
		assert.Equal(t, 2, bs[0].Items)
	})
}

// WeCom failing a send leaves the batch claimed with the reason; the next
// sweep sends the same batch, once, and no task is claimed twice.
func TestRemindResendsAfterFailure(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		w.guide(t, "r1", 2)
		w.task(t, "r1", 0, app.TaskMassSend)
		w.task(t, "r1", 1, app.TaskFollowUp)
		w.s.SC.InjectFault("message/send", sandbox.Fault{HTTPStatus: 502})
		require.Error(t, w.remind.Sweep(context.Background(), w.s.Corp.ID))
		bs := w.batches(t)
		require.Len(t, bs, 1)
		assert.Equal(t, app.ReminderClaimed, bs[0].Status)
		assert.NotEmpty(t, bs[0].Error)
		assert.Empty(t, delivered(t, w.s.SC))

		w.s.SC.ClearFaults()
		w.s.SC.Advance(time.Second)
		w.sweep(t)
		w.sweep(t)
		assert.Equal(t, map[string]int{"r1": 1}, delivered(t, w.s.SC))
		bs = w.batches(t)
		require.Len(t, bs, 1, "the same batch, sent again")
		assert.Equal(t, app.ReminderSent, bs[0].Status)
		assert.Equal(t, 2, bs[0].Attempts)
		assert.Empty(t, bs[0].Error)
		assert.Equal(t, 2, bs[0].Items)
	})
}

// A sweeper gone between claiming a batch and sending it: the batch is
// left to it for two minutes (it may still be sending), then the next
// sweep sends it, once; its tasks are in no other batch.
func TestRemindAfterCrashBetweenClaimAndSend(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.guide(t, "k1", 1)
		w.task(t, "k1", 0, app.TaskJourneyStep)
		list, _, err := w.s.Todo.ListTasks(ctx, w.s.Corp.ID, app.Principal{Role: app.RoleAdmin, Actor: "user:1"}, app.TaskFilter{UserID: "k1"})
		require.NoError(t, err)
		require.Len(t, list, 1)
		claimed, err := db.NewRemindStore(w.s.DB).ClaimBatch(ctx, &app.ReminderBatch{CorpID: w.s.Corp.ID, UserID: "k1",
			BatchKey: "t" + strconv.FormatInt(list[0].ID, 10), Items: 1, Status: app.ReminderClaimed, Title: "待办提醒：1 项新待办",
			Body: "客户旅程", URL: panelBase + "/panel/tasks", CreatedAt: w.s.SC.Now()}, []int64{list[0].ID})
		require.NoError(t, err)
		require.True(t, claimed)

		w.sweep(t)
		assert.Empty(t, w.s.SC.AppMessages(), "its sweeper may still be sending it")
		w.s.SC.Advance(3 * time.Minute)
		w.sweep(t)
		w.sweep(t)
		assert.Equal(t, map[string]int{"k1": 1}, delivered(t, w.s.SC))
		bs := w.batches(t)
		require.Len(t, bs, 1)
		assert.Equal(t, app.ReminderSent, bs[0].Status)
	})
}
