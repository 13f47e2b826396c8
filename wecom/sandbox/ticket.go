package sandbox

import "time"

// ticket is a JS-SDK ticket, reused until it expires like tokens.
type ticket struct {
	value   string
	expires time.Time
}

// ticketFor returns the corp's live ticket of a kind, minting one if none;
// callers hold c.mu.
func (c *Corp) ticketFor(kind string) (string, int) {
	now := c.Now()
	t := c.st.ext.tickets[kind]
	if t == nil || !now.Before(t.expires) {
		t = &ticket{value: randomToken()[:86], expires: now.Add(tokenTTL)}
		c.st.ext.tickets[kind] = t
	}
	return t.value, int(t.expires.Sub(now) / time.Second)
}

type ticketResponse struct {
	Ticket    string `json:"ticket"`
	ExpiresIn int    `json:"expires_in"`
}

// apiGetJSAPITicket is the corp ticket for wx.config / ww.register.
func (c *Corp) apiGetJSAPITicket(*call) (any, error) {
	v, left := c.ticketFor("corp")
	return ticketResponse{v, left}, nil
}

// apiTicketGet is the app ticket for wx.agentConfig (type=agent_config).
func (c *Corp) apiTicketGet(q *call) (any, error) {
	if q.query("type") != "agent_config" {
		return nil, failf(40058, "type must be agent_config")
	}
	v, left := c.ticketFor("agent")
	return ticketResponse{v, left}, nil
}

// JSAPITicket returns the corp's live JS-SDK ticket of kind ("corp" or
// "agent"), as WeCom would answer it now, so a test can check a signature
// made with it.
func (c *Corp) JSAPITicket(kind string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, _ := c.ticketFor(kind)
	return v
}
