package wecom

import (
	"context"
	"net/url"

	"github.com/silenceper/wechat/v2/util"
)

// apiAgent reads a self-built app's settings (agent/get).
const apiAgent = "agent/get"

// Agent is a self-built app as agent/get describes it.
type Agent struct {
	AgentID int    `json:"agentid"`
	Name    string `json:"name"`
	Close   int    `json:"close"` // 1: the app is disabled in the admin console
}

// Agent reads app agentID with this client's token. Only the app's own
// secret may read it: the token of another app, or of the 客户联系
// secret, is answered 301002, which is how a secret and an agent id that
// do not belong together show.
func (c *Client) Agent(ctx context.Context, agentID string) (*Agent, error) {
	var resp struct {
		util.CommonError
		Agent
	}
	err := c.call(ctx, apiAgent, true, func(s *session) error {
		return s.get("/cgi-bin/agent/get", url.Values{"agentid": {agentID}}, &resp)
	})
	if err != nil {
		return nil, err
	}
	return &resp.Agent, nil
}
