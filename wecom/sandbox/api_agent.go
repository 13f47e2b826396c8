package sandbox

import "strconv"

// apiAgentGet answers agent/get for the corp's self-built app. As in
// WeCom, only a token of the app's own secret may read it: the
// customer-contact secret's token, or an agentid of another app, is
// answered 301002; a missing agentid 41011, one that is not a number 40056.
func (c *Corp) apiAgentGet(q *call) (any, error) {
	raw := q.query("agentid")
	if raw == "" {
		return nil, fail(41011)
	}
	id, err := strconv.Atoi(raw)
	if err != nil {
		return nil, fail(40056)
	}
	if id != c.cfg.AgentID || c.sb.tokenSecret(q.query("access_token")) != c.cfg.AppSecret {
		return nil, fail(301002)
	}
	return struct {
		AgentID     int    `json:"agentid"`
		Name        string `json:"name"`
		Description string `json:"description"`
		Close       int    `json:"close"`
	}{c.cfg.AgentID, "私域助手（沙箱）", "侧边栏与 JS-SDK 所用的自建应用", 0}, nil
}

// tokenSecret is the secret a live token was issued for, "" if none.
func (s *Sandbox) tokenSecret(value string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.tokens[value]; t != nil {
		return t.secret
	}
	return ""
}
