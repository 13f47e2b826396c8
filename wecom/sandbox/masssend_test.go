package sandbox_test

import (
	"testing"
	"time"

	"github.com/silenceper/wechat/v2/work/externalcontact"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// twoCustomers is a guide corp whose guide has two customers.
func twoCustomers(t *testing.T) (*sandbox.Corp, []string) {
	t.Helper()
	c := guideCorp(t)
	var ids []string
	for range 2 {
		a, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
		require.NoError(t, err)
		ids = append(ids, a.ExternalUserID)
	}
	return c, ids
}

func TestSDKMassSend(t *testing.T) {
	c, ids := twoCustomers(t)
	sdk := sdkClient(c)
	res, err := sdk.AddMsgTemplate(&externalcontact.AddMsgTemplateRequest{
		ChatType: "single", ExternalUserID: append([]string{"wmstranger"}, ids...), Sender: "zhangsan",
		Text: externalcontact.MsgText{Content: "中秋快乐"},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"wmstranger"}, res.FailList)
	sends := c.MassSends()
	require.Len(t, sends, 1)
	assert.Equal(t, []string{"wmstranger"}, sends[0].FailList, "the tests' view of what the API answered")

	task, err := sdk.GetGroupMsgTask(&externalcontact.GetGroupMsgTaskRequest{MsgID: res.MsgID})
	require.NoError(t, err)
	require.Len(t, task.TaskList, 1)
	assert.Equal(t, 0, task.TaskList[0].Status, "nothing is sent before the member confirms")

	require.NoError(t, c.MemberDeletesCustomer("zhangsan", ids[1], ""))
	require.NoError(t, c.MemberConfirmsMassSend(res.MsgID, "zhangsan"))
	sent, err := sdk.GetGroupMsgSendResult(&externalcontact.GetGroupMsgSendResultRequest{MsgID: res.MsgID, UserID: "zhangsan"})
	require.NoError(t, err)
	require.Len(t, sent.SendList, 2)
	assert.Equal(t, 1, sent.SendList[0].Status)
	assert.Equal(t, 2, sent.SendList[1].Status, "no longer a friend")

	list, err := sdk.GetGroupMsgListV2(&externalcontact.GetGroupMsgListV2Request{
		ChatType: "single", StartTime: c.Now().Add(-time.Hour).Unix(), EndTime: c.Now().Unix(), FilterType: 2,
	})
	require.NoError(t, err)
	require.Len(t, list.GroupMsgList, 1)
	assert.Equal(t, "中秋快乐", list.GroupMsgList[0].Text.Content)
}

func TestMassSendReceiveLimit(t *testing.T) {
	c, ids := twoCustomers(t)
	c.SetMassSendLimit(sandbox.MassSendLimit{Count: 1, Period: "day"})
	send := func() string {
		r := post(t, "/cgi-bin/externalcontact/add_msg_template", token(t, c), map[string]any{
			"chat_type": "single", "external_userid": ids[:1], "sender": "zhangsan", "text": map[string]string{"content": "hi"},
			"attachments": nil, "tag_filter": map[string]any{"group_list": nil},
		})
		require.Equal(t, 0, r.code())
		msgID := r["msgid"].(string)
		require.NoError(t, c.MemberConfirmsMassSend(msgID, "zhangsan"))
		return msgID
	}
	status := func(msgID string) int {
		for _, ms := range c.MassSends() {
			if ms.MsgID == msgID {
				return ms.Results[0].Status
			}
		}
		return -1
	}
	assert.Equal(t, 1, status(send()))
	assert.Equal(t, 3, status(send()), "over the daily limit")
	c.Advance(24 * time.Hour)
	assert.Equal(t, 1, status(send()))
}

func TestMassSendRemindAndCancel(t *testing.T) {
	c, ids := twoCustomers(t)
	tok := token(t, c)
	r := post(t, "/cgi-bin/externalcontact/add_msg_template", tok, map[string]any{
		"external_userid": ids, "text": map[string]string{"content": "hi"},
	})
	require.Equal(t, 0, r.code())
	msg := map[string]any{"msgid": r["msgid"]}
	for range 3 {
		assert.Equal(t, 0, post(t, "/cgi-bin/externalcontact/remind_groupmsg_send", tok, msg).code())
	}
	assert.Equal(t, 41094, post(t, "/cgi-bin/externalcontact/remind_groupmsg_send", tok, msg).code())
	c.Advance(24 * time.Hour)
	tok = token(t, c) // the old one expired meanwhile
	assert.Equal(t, 0, post(t, "/cgi-bin/externalcontact/remind_groupmsg_send", tok, msg).code())
	assert.Equal(t, 0, post(t, "/cgi-bin/externalcontact/cancel_groupmsg_send", tok, msg).code())
	assert.Equal(t, 41093, post(t, "/cgi-bin/externalcontact/remind_groupmsg_send", tok, msg).code())
	assert.ErrorIs(t, c.MemberConfirmsMassSend(r["msgid"].(string), "zhangsan"), sandbox.ErrCancelled)
	assert.Equal(t, 41047, post(t, "/cgi-bin/externalcontact/cancel_groupmsg_send", tok, map[string]any{"msgid": "nope"}).code())
}

func TestMassSendErrors(t *testing.T) {
	c, ids := twoCustomers(t)
	tok := token(t, c)
	many := make([]string, 10001)
	tests := []struct {
		name string
		body map[string]any
		code int
	}{
		{"ErrNoCustomers", map[string]any{"external_userid": []string{"wmnobody"}, "text": map[string]string{"content": "x"}}, 41048},
		{"ErrTooManyCustomers", map[string]any{"external_userid": many, "text": map[string]string{"content": "x"}}, 40058},
		{"ErrTooManyAttachments", map[string]any{"external_userid": ids, "attachments": make([]map[string]any, 10)}, 41064},
		{"ErrGroupWithoutSender", map[string]any{"chat_type": "group", "text": map[string]string{"content": "x"}}, 40058},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.code, post(t, "/cgi-bin/externalcontact/add_msg_template", tok, tt.body).code())
		})
	}
}

func TestGroupMsgListFilters(t *testing.T) {
	c, ids := twoCustomers(t)
	personal, err := c.MemberCreatesMassSend("zhangsan", ids, "个人群发")
	require.NoError(t, err)
	tok := token(t, c)
	r := post(t, "/cgi-bin/externalcontact/add_msg_template", tok, map[string]any{"external_userid": ids, "text": map[string]string{"content": "企业群发"}})
	require.Equal(t, 0, r.code())
	list := func(filter int) []string {
		r := post(t, "/cgi-bin/externalcontact/get_groupmsg_list_v2", tok, map[string]any{
			"chat_type": "single", "start_time": c.Now().Add(-time.Hour).Unix(), "end_time": c.Now().Unix(), "filter_type": filter,
		})
		require.Equal(t, 0, r.code())
		var out []string
		for _, m := range r["group_msg_list"].([]any) {
			out = append(out, m.(map[string]any)["msgid"].(string))
		}
		return out
	}
	assert.Equal(t, []string{r["msgid"].(string)}, list(0))
	assert.Equal(t, []string{personal}, list(1))
	assert.Len(t, list(2), 2)
	span := post(t, "/cgi-bin/externalcontact/get_groupmsg_list_v2", tok, map[string]any{
		"chat_type": "single", "start_time": c.Now().Add(-40 * 24 * time.Hour).Unix(), "end_time": c.Now().Unix(),
	})
	assert.Equal(t, 40058, span.code(), "at most a month")
}
