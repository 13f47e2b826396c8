package sandbox

import (
	"encoding/json"
	"strings"
)

// openEnterpriseChat opens a chat as wx.qy.openEnterpriseChat does: an
// existing customer group by chatId, or the single chat with one
// customer (externalUserIds, no members); the client then has that chat
// open, so the side panel opened in it sends there. A new group of
// several people is not simulated.
func (c *Corp) openEnterpriseChat(raw json.RawMessage) (map[string]any, string) {
	var a struct {
		UserIDs         string `json:"userIds"`
		ExternalUserIDs string `json:"externalUserIds"`
		ChatID          string `json:"chatId"`
	}
	if json.Unmarshal(raw, &a) != nil {
		return nil, "invalid arguments"
	}
	if a.ChatID != "" {
		return c.openChat(json.RawMessage(`{"chatId":` + quote(a.ChatID) + `}`))
	}
	ids := strings.FieldsFunc(a.ExternalUserIDs, func(r rune) bool { return r == ';' })
	if len(ids) != 1 || strings.TrimSpace(a.UserIDs) != "" {
		return nil, "not supported by the sandbox: only one customer's single chat"
	}
	c.mu.Lock()
	known := c.st.customers[ids[0]] != nil
	c.mu.Unlock()
	if !known {
		return nil, "invalid externalUserIds"
	}
	c.jssdk.ctx = JSSDKContext{Entry: "single_chat_tools", ExternalUserID: ids[0]}
	return nil, ""
}

// quote is s as a JSON string.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
