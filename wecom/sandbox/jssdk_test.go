package sandbox_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// jsCall makes a stand-in call as the script does and returns the
// client's errMsg and answer.
func jsCall(t *testing.T, corp, api, args string) map[string]any {
	resp, err := http.Post(baseURL+"/sandbox/corps/"+corp+"/jssdk/calls", "text/plain",
		strings.NewReader(`{"api":"`+api+`","args":`+args+`,"page":"http://siyu/panel/group"}`))
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"), "Siyu's pages are another origin")
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return out
}

// The JS-SDK stand-in answers as WeCom's client in the chat it has open:
// outside a chat there is no group and nothing can be sent;
// openExistedChatWithMsg opens an existing group (refusing an unknown one
// or a message that is not a link), after which getCurExternalChat names
// it and sendChatMessage sends into it. Every call is recorded with the
// chat it was made in; the script defines the calls a page lacks.
func TestJSSDKStandIn(t *testing.T) {
	c := newCorp(t)
	corp := c.Config().CorpID
	require.NoError(t, c.AddMember(sandbox.Member{UserID: "owner", Name: "群主"}))
	chat, err := c.CreateGroup(sandbox.NewGroup{Owner: "owner", Name: "徐汇店1群"})
	require.NoError(t, err)

	assert.Equal(t, "getCurExternalChat:fail without context of external chat", jsCall(t, corp, "getCurExternalChat", `{}`)["errMsg"])
	assert.Equal(t, "sendChatMessage:fail without context of external contact",
		jsCall(t, corp, "sendChatMessage", `{"msgtype":"text","text":{"content":"hi"}}`)["errMsg"])
	assert.Equal(t, "openExistedChatWithMsg:fail invalid chatId", jsCall(t, corp, "openExistedChatWithMsg", `{"chatId":"wrNone"}`)["errMsg"])
	assert.Equal(t, "openExistedChatWithMsg:fail fail_unsupported_msgtype",
		jsCall(t, corp, "openExistedChatWithMsg", `{"chatId":"`+chat+`","msg":{"msgtype":"text"}}`)["errMsg"])
	assert.Equal(t, "openExistedChatWithMsg:ok", jsCall(t, corp, "openExistedChatWithMsg",
		`{"chatId":"`+chat+`","msg":{"msgtype":"link","link":{"title":"周末活动","url":"http://siyu/panel/tasks"}}}`)["errMsg"])
	got := jsCall(t, corp, "getCurExternalChat", `{}`)
	assert.Equal(t, "getCurExternalChat:ok", got["errMsg"])
	assert.Equal(t, chat, got["chatId"])
	assert.Equal(t, "sendChatMessage:ok", jsCall(t, corp, "sendChatMessage", `{"msgtype":"text","text":{"content":"周末见"}}`)["errMsg"])

	calls := c.JSSDKCalls()
	require.Len(t, calls, 7)
	last := calls[6]
	assert.Equal(t, "sendChatMessage", last.API)
	assert.Equal(t, sandbox.JSSDKContext{Entry: "group_chat_tools", ChatID: chat}, last.Context)
	assert.JSONEq(t, `{"msgtype":"text","text":{"content":"周末见"}}`, string(last.Args))

	resp, err := http.Get(baseURL + sandbox.JSSDKPath + "?corp=" + corp)
	require.NoError(t, err)
	defer resp.Body.Close()
	js, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Contains(t, string(js), `var base = "`+baseURL+`", corp = "`+corp+`"`)
	assert.Contains(t, string(js), "if (!ww[name])", "a page's own ww functions are kept")
}

// openEnterpriseChat opens one customer's single chat (a task list page
// sends the guide there), after which sendChatMessage sends into it; an
// unknown customer, or a new chat of several people, is refused.
func TestJSSDKOpenEnterpriseChat(t *testing.T) {
	c := guideCorp(t)
	corp := c.Config().CorpID
	added, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
	require.NoError(t, err)
	ext := added.ExternalUserID

	assert.Equal(t, "openEnterpriseChat:fail invalid externalUserIds",
		jsCall(t, corp, "openEnterpriseChat", `{"userIds":"","externalUserIds":"wmNobody"}`)["errMsg"])
	assert.Equal(t, "openEnterpriseChat:fail not supported by the sandbox: only one customer's single chat",
		jsCall(t, corp, "openEnterpriseChat", `{"userIds":"zhangsan","externalUserIds":"`+ext+`"}`)["errMsg"])
	assert.Equal(t, "openEnterpriseChat:ok", jsCall(t, corp, "openEnterpriseChat", `{"userIds":"","externalUserIds":"`+ext+`"}`)["errMsg"])
	assert.Equal(t, "sendChatMessage:ok", jsCall(t, corp, "sendChatMessage", `{"msgtype":"text","text":{"content":"生日快乐"}}`)["errMsg"])
	calls := c.JSSDKCalls()
	assert.Equal(t, sandbox.JSSDKContext{Entry: "single_chat_tools", ExternalUserID: ext}, calls[len(calls)-1].Context)
}
