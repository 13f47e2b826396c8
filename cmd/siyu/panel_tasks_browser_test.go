package main

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/secret"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// TestPanelTasksInBrowser runs the real serve with the demo corp, on the
// embedded default and on MariaDB + Redis. A group's owner opens the side
// panel in the group (the sandbox's JS-SDK stand-in plays WeCom's client):
// the page finds the group through getCurExternalChat, lists the pending
// step of a group SOP created through the API and fired by a tick, sends it in one tap (the stand-in records sendChatMessage with
// the step's content, in that group) and shows it done, 自报. A guide then
// marks a task done from /panel/tasks, recorded as self-reported.
func TestPanelTasksInBrowser(t *testing.T) {
	t.Parallel()
	t.Run("embedded", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		panelTasksScenario(t, dir, append(demoEnv(dir), fastTick), config.Database{Driver: config.DriverSQLite, DSN: filepath.Join(dir, "siyu.db")},
			func() (*secret.Box, error) { return secret.LoadBox("", filepath.Join(dir, "secret.key")) })
	})
	t.Run("mysql", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		d := testkit.DatabaseConfig(t, config.DriverMySQL)
		env := configEnv(d, testkit.RedisConfig(t, config.RedisStandalone))
		panelTasksScenario(t, dir, append(env, fastTick, "SIYU_SANDBOX_DEMO=true", "SIYU_SECURITY_API_TOKEN_FILE="+filepath.Join(dir, "api.token"),
			"SIYU_SANDBOX_JOURNAL_PATH="+filepath.Join(dir, "sandbox.journal"), "SIYU_SANDBOX_URL_FILE="+filepath.Join(dir, "sandbox.url")), d,
			func() (*secret.Box, error) { return secret.LoadBox(testSecretKey, "") })
	})
}

// demoGroup is a group as the read API lists it.
type demoGroup struct {
	ChatID string `json:"chat_id"`
	Name   string `json:"name"`
	Owner  string `json:"owner"`
}

// panelTasksScenario runs the steps on the running demo; box opens its
// sealed corp secrets (the key the process was given).
func panelTasksScenario(t *testing.T, dir string, env []string, dbc config.Database, box func() (*secret.Box, error)) {
	b := newBrowser(t)
	w := startPanelWorld(t, dir, env)
	var groups []demoGroup
	require.Equal(t, http.StatusOK, readAPI(t, w.p, w.token, "/api/v1/corps/demo/groups?limit=100", &groups))
	require.NotEmpty(t, groups, "the demo seeds a group per store")
	g := groups[0]
	key, err := box()
	require.NoError(t, err)
	core := openCore(t, dbc, key)
	corp, err := core.Stores.Corps.FindCorpByCorpID(context.Background(), "demo")
	require.NoError(t, err)
	tasks, corpID := core.Todo, corp.ID
	step := sopStep(t, w, core, corp, g, "本周六全场8折，欢迎到店！") // a real group SOP's step, fired by a tick
	t.Run("GroupOneTapSend", func(t *testing.T) { panelGroupSend(t, w, b, g, step) })

	churn := &app.GuideTask{CorpID: corpID, UserID: "guide0101", ExternalUserID: w.mine.ExternalUserID, Kind: app.TaskChurn,
		Title: "客户已将你删除，请了解流失原因", Source: "test:churn"}
	_, err = tasks.CreateTask(context.Background(), churn)
	require.NoError(t, err)
	t.Run("TasksDone", func(t *testing.T) { panelTasksDone(t, w, b, churn); b.shot(t) })
	t.Run("CustomerSend", func(t *testing.T) { panelCustomerSend(t, w, b, tasks, corpID) })
	require.Equal(t, 0, w.p.stop(t, syscall.SIGTERM))
}

// openCore opens the running Siyu's database beside it, to give guides
// tasks as journeys and SOPs will.
func openCore(t *testing.T, dbc config.Database, box *secret.Box) *root.Core {
	d, err := db.Open(context.Background(), dbc, testkit.Logger(t))
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	return root.NewCore(d, box, auth.Options{})
}

// waitReminder waits (up to 90 s: the sweep runs every minute) for an
// app message to userID listing line, and returns its link.
func waitReminder(t *testing.T, w *panelWorld, userID, line string) string {
	for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(time.Second) {
		var msgs []sandbox.AppMessage
		getJSON(t, w.sandbox+"/sandbox/corps/demo/app-messages?userid="+userID, &msgs)
		for _, m := range msgs {
			require.Empty(t, m.Dropped, "WeCom dropped a reminder")
			if strings.Contains(m.Content, line) {
				return m.URL
			}
		}
		require.False(t, time.Now().After(deadline), "no reminder listed %q: %+v", line, msgs)
	}
}

// jssdkCalls are the stand-in's calls to api.
func jssdkCalls(t *testing.T, w *panelWorld, api string) []sandbox.JSSDKCall {
	var calls, out []sandbox.JSSDKCall
	getJSON(t, w.sandbox+"/sandbox/corps/demo/jssdk/calls", &calls)
	for _, c := range calls {
		if c.API == api {
			out = append(out, c)
		}
	}
	return out
}

// panelGroupSend: the group's owner gets the step in their reminder (an
// app message by the minute's sweep, naming the group) and follows its
// link to today's tasks; 打开群聊 opens the group in the client (the
// stand-in records openExistedChatWithMsg); the panel opened there finds
// the group, and the step is sent in one tap and shown done.
func panelGroupSend(t *testing.T, w *panelWorld, b *browser, g demoGroup, step *app.GuideTask) {
	link := waitReminder(t, w, g.Owner, "社群SOP｜群「"+g.Name+"」：周末活动预告")
	require.Equal(t, w.p.base+"/panel/tasks?corp=demo", link, "the reminder links to today's tasks")
	li := "#task-list li[data-task-id='" + strconv.FormatInt(step.ID, 10) + "']"
	b.do(t, "follow the reminder's link", chromedp.Navigate(w.loginAs(g.Owner, "/panel/tasks?corp=demo")), chromedp.WaitVisible(chromedp.CSS(li)))
	assert.Equal(t, "群「"+g.Name+"」", b.text(t, li+" .task-subject"))
	b.do(t, "open the group's chat", chromedp.Click(chromedp.CSS(li+" .task-send")),
		chromedp.WaitVisible(chromedp.CSS("#task-status:not(:empty)")))
	assert.Equal(t, "已打开群聊：请在群聊的侧边栏中一键发送。", b.text(t, "#task-status"))
	opened := jssdkCalls(t, w, "openExistedChatWithMsg")
	require.Len(t, opened, 1)
	assert.Equal(t, "openExistedChatWithMsg:ok", opened[0].ErrMsg)
	assert.Contains(t, string(opened[0].Args), `"chatId":"`+g.ChatID+`"`)

	b.do(t, "open the panel in the group", chromedp.Navigate(w.p.base+"/panel/group"), chromedp.WaitVisible(chromedp.CSS(li)))
	assert.Equal(t, g.Name, b.text(t, "#group-name"), "the group by name")
	assert.Equal(t, "本周六全场8折，欢迎到店！", b.text(t, li+" .task-content"))
	b.do(t, "send the step in one tap", chromedp.Click(chromedp.CSS(li+" .task-send")), chromedp.WaitVisible(chromedp.CSS(li+".done .self-reported")))
	assert.Equal(t, "自报", b.text(t, li+" .self-reported"))
	assert.Equal(t, "已发送并记为完成（自报）", b.text(t, "#task-status"))
	b.shot(t) // the step sent and done, before the page is reloaded

	sent := jssdkCalls(t, w, "sendChatMessage")
	require.Len(t, sent, 1)
	assert.Equal(t, g.ChatID, sent[0].Context.ChatID, "sent in the group")
	assert.JSONEq(t, `{"msgtype":"text","enterChat":false,"text":{"content":"本周六全场8折，欢迎到店！"}}`, string(sent[0].Args))
	assert.Equal(t, "sendChatMessage:ok", sent[0].ErrMsg)
	got := apiTaskOf(t, w, step.ID)
	assert.Equal(t, app.TaskDone, got.Status)
	assert.Equal(t, app.TaskSelfReported, got.DoneHow)

	b.do(t, "reload the group's panel", chromedp.Navigate(w.p.base+"/panel/group?chat_id="+g.ChatID), chromedp.WaitVisible(chromedp.ID("task-empty")))
	assert.Equal(t, "本群暂无待发送的内容", b.text(t, "#task-empty"))
}

func panelTasksDone(t *testing.T, w *panelWorld, b *browser, churn *app.GuideTask) {
	li := "#task-list li[data-task-id='" + strconv.FormatInt(churn.ID, 10) + "']"
	b.do(t, "open today's tasks", chromedp.Navigate(w.loginAs("guide0101", "/panel/tasks")), chromedp.WaitVisible(chromedp.CSS(li)))
	assert.Equal(t, w.mine.Name, b.text(t, li+" .task-subject"), "the customer by name")
	assert.Contains(t, b.text(t, li), "流失提醒")
	b.do(t, "mark it done", chromedp.Click(chromedp.CSS(li+" .task-done")), chromedp.WaitVisible(chromedp.CSS(li+".done .self-reported")))
	assert.Equal(t, "已记为完成（自报）", b.text(t, "#task-status"))
	got := apiTaskOf(t, w, churn.ID)
	assert.Equal(t, app.TaskDone, got.Status)
	assert.Equal(t, app.TaskSelfReported, got.DoneHow)
	assert.Equal(t, "staff:guide0101", got.DoneBy)
}

// apiTaskOf reads one task through the JSON API.
func apiTaskOf(t *testing.T, w *panelWorld, id int64) struct{ Status, DoneHow, DoneBy string } {
	var out struct {
		Status  string `json:"status"`
		DoneHow string `json:"done_how"`
		DoneBy  string `json:"done_by"`
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		status, raw := callAPI(t, w.p, w.token, http.MethodGet, "/api/v1/corps/demo/tasks/"+strconv.FormatInt(id, 10), nil)
		require.Equal(t, http.StatusOK, status, string(raw))
		require.NoError(t, json.Unmarshal(raw, &out))
		if out.Status != app.TaskOpen || time.Now().After(deadline) {
			return struct{ Status, DoneHow, DoneBy string }{out.Status, out.DoneHow, out.DoneBy}
		}
	}
}
