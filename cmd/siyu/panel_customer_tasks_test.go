package main

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// panelCustomerSend: a journey step's task for one customer is listed in
// today's tasks, opened outside any chat (where sendChatMessage cannot
// send); 打开聊天 opens the customer's chat (the stand-in records
// openEnterpriseChat), the customer's panel links to their pending tasks,
// and the content is sent into that single chat in one tap, done 自报.
func panelCustomerSend(t *testing.T, w *panelWorld, b *browser, tasks interface {
	CreateTask(context.Context, *app.GuideTask) (bool, error)
}, corpID int64) {
	step := &app.GuideTask{CorpID: corpID, UserID: "guide0101", ExternalUserID: w.mine.ExternalUserID, Kind: app.TaskJourneyStep,
		Title: "生日关怀", Content: "生日快乐！送您一张50元券，到店即可使用。", Source: "test:journey:birthday"}
	_, err := tasks.CreateTask(context.Background(), step)
	require.NoError(t, err)
	li := "#task-list li[data-task-id='" + strconv.FormatInt(step.ID, 10) + "']"
	b.do(t, "open today's tasks", chromedp.Navigate(w.loginAs("guide0101", "/panel/tasks")), chromedp.WaitVisible(chromedp.CSS(li)))
	assert.Equal(t, "打开聊天", b.text(t, li+" .task-send"))
	b.do(t, "open the customer's chat", chromedp.Click(chromedp.CSS(li+" .task-send")),
		chromedp.WaitVisible(chromedp.CSS("#task-status:not(:empty)")))
	assert.Equal(t, "已打开与客户的聊天：请在聊天侧边栏的「我的待办」中一键发送。", b.text(t, "#task-status"))
	opened := jssdkCalls(t, w, "openEnterpriseChat")
	require.Len(t, opened, 1)
	assert.Equal(t, "openEnterpriseChat:ok", opened[0].ErrMsg)
	assert.Contains(t, string(opened[0].Args), `"externalUserIds":"`+w.mine.ExternalUserID+`"`)

	b.do(t, "open the customer's panel", chromedp.Navigate(w.customerURL(w.mine.ExternalUserID)), chromedp.WaitVisible(chromedp.ID("customer-tasks")))
	b.do(t, "follow to their pending tasks", chromedp.Click(chromedp.ID("customer-tasks")), chromedp.WaitVisible(chromedp.CSS(li)))
	assert.Equal(t, w.mine.Name, b.text(t, "#customer-name"), "the customer by name")
	b.do(t, "send in one tap", chromedp.Click(chromedp.CSS(li+" .task-send")), chromedp.WaitVisible(chromedp.CSS(li+".done .self-reported")))
	assert.Equal(t, "已发送并记为完成（自报）", b.text(t, "#task-status"))
	b.shot(t)

	var sent []string
	for _, c := range jssdkCalls(t, w, "sendChatMessage") {
		if c.Context.ExternalUserID == w.mine.ExternalUserID {
			assert.Equal(t, "single_chat_tools", c.Context.Entry)
			assert.Equal(t, "sendChatMessage:ok", c.ErrMsg)
			sent = append(sent, string(c.Args))
		}
	}
	require.Len(t, sent, 1, "sent once, into the customer's chat")
	assert.JSONEq(t, `{"msgtype":"text","enterChat":false,"text":{"content":"生日快乐！送您一张50元券，到店即可使用。"}}`, sent[0])
	got := apiTaskOf(t, w, step.ID)
	assert.Equal(t, app.TaskDone, got.Status)
	assert.Equal(t, app.TaskSelfReported, got.DoneHow)
}
