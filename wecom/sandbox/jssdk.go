package sandbox

import (
	"encoding/json"
	"sync"
	"time"
)

// JSSDKPath serves the JS-SDK stand-in: a script a page loads in place of
// WeCom's (?corp= names the corp whose client it plays). It defines
// ww.register, ww.getContext, ww.getCurExternalChat, ww.sendChatMessage,
// ww.openExistedChatWithMsg and ww.openEnterpriseChat, leaving any the page already has; each
// call goes to the control API, which answers as WeCom's client would in
// the chat the corp's client has open (JSSDKContext) and records it.
const JSSDKPath = ControlPrefix + "jssdk.js"

// JSSDKContext is the chat the corp's simulated client has open: its
// entry (single_chat_tools, group_chat_tools, or normal outside a chat),
// the group or the customer.
type JSSDKContext struct {
	Entry          string `json:"entry"`
	ChatID         string `json:"chat_id,omitempty"`
	ExternalUserID string `json:"external_userid,omitempty"`
}

// JSSDKCall is one JS-SDK call a page made through the stand-in.
type JSSDKCall struct {
	API  string          `json:"api"`
	Args json.RawMessage `json:"args"`
	// Context is the chat open when it was made.
	Context JSSDKContext `json:"context"`
	Page    string       `json:"page"`
	Time    time.Time    `json:"time"`
	// ErrMsg is what the client answered ("sendChatMessage:ok").
	ErrMsg string `json:"err_msg"`
}

// jssdkState is the corp's simulated client: its open chat and its calls.
type jssdkState struct {
	mu    sync.Mutex
	ctx   JSSDKContext
	calls []JSSDKCall
}

// SetJSSDKContext opens a chat in the corp's simulated client, as a
// guide opening the side panel in it.
func (c *Corp) SetJSSDKContext(x JSSDKContext) {
	c.jssdk.mu.Lock()
	defer c.jssdk.mu.Unlock()
	if x.Entry == "" {
		x.Entry = "normal"
	}
	c.jssdk.ctx = x
}

// JSSDKCalls returns the JS-SDK calls pages made, in order.
func (c *Corp) JSSDKCalls() []JSSDKCall {
	c.jssdk.mu.Lock()
	defer c.jssdk.mu.Unlock()
	return append([]JSSDKCall(nil), c.jssdk.calls...)
}

// jssdkCall answers one call as WeCom's client would and records it.
func (c *Corp) jssdkCall(call JSSDKCall) (map[string]any, string) {
	c.jssdk.mu.Lock()
	defer c.jssdk.mu.Unlock()
	if c.jssdk.ctx.Entry == "" {
		c.jssdk.ctx.Entry = "normal"
	}
	call.Context, call.Time = c.jssdk.ctx, c.Now()
	result, fail := c.jssdkAnswer(&call)
	call.ErrMsg = call.API + ":ok"
	if fail != "" {
		call.ErrMsg = call.API + ":fail " + fail
	}
	c.jssdk.calls = append(c.jssdk.calls, call)
	if result == nil {
		result = map[string]any{}
	}
	result["errMsg"] = call.ErrMsg
	return result, fail
}

// jssdkAnswer is the client's answer to call, or why it failed; callers
// hold c.jssdk.mu.
func (c *Corp) jssdkAnswer(call *JSSDKCall) (map[string]any, string) {
	x := c.jssdk.ctx
	switch call.API {
	case "register":
		return nil, ""
	case "getContext":
		return map[string]any{"entry": x.Entry}, ""
	case "getCurExternalChat":
		if x.Entry != "group_chat_tools" {
			return nil, "without context of external chat"
		}
		return map[string]any{"chatId": x.ChatID}, ""
	case "sendChatMessage":
		if x.Entry != "group_chat_tools" && x.Entry != "single_chat_tools" {
			return nil, "without context of external contact"
		}
		return nil, checkChatMessage(call.Args)
	case "openExistedChatWithMsg":
		return c.openChat(call.Args)
	case "openEnterpriseChat":
		return c.openEnterpriseChat(call.Args)
	}
	return nil, "not supported by the sandbox"
}

// checkChatMessage refuses a message sendChatMessage would: an unknown
// msgtype, or text without content.
func checkChatMessage(raw json.RawMessage) string {
	var m struct {
		MsgType string `json:"msgtype"`
		Text    struct {
			Content string `json:"content"`
		} `json:"text"`
	}
	switch {
	case json.Unmarshal(raw, &m) != nil:
		return "invalid arguments"
	case m.MsgType == "text" && m.Text.Content == "":
		return "empty content"
	case m.MsgType != "text" && m.MsgType != "news" && m.MsgType != "image" && m.MsgType != "miniprogram" &&
		m.MsgType != "video" && m.MsgType != "file":
		return "invalid msgtype"
	}
	return ""
}

// openChat opens an existing group in the client, which then has that
// chat open; a message must be one link card with a url.
func (c *Corp) openChat(raw json.RawMessage) (map[string]any, string) {
	var a struct {
		ChatID string `json:"chatId"`
		Msg    *struct {
			MsgType string `json:"msgtype"`
			Link    struct {
				URL string `json:"url"`
			} `json:"link"`
		} `json:"msg"`
	}
	if json.Unmarshal(raw, &a) != nil {
		return nil, "invalid arguments"
	}
	c.mu.Lock()
	g := c.st.groups[a.ChatID]
	c.mu.Unlock()
	switch {
	case g == nil || g.Dismissed:
		return nil, "invalid chatId"
	case a.Msg != nil && a.Msg.MsgType != "link":
		return nil, "fail_unsupported_msgtype"
	case a.Msg != nil && a.Msg.Link.URL == "":
		return nil, "fail_msg_link_missing_url"
	}
	c.jssdk.ctx = JSSDKContext{Entry: "group_chat_tools", ChatID: a.ChatID}
	return nil, ""
}
