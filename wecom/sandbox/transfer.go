package sandbox

import "time"

// transferDelay is how long WeCom waits before a transfer takes effect
// (24小时后自动接替).
const transferDelay = 24 * time.Hour

// Transfer is one customer's move between members: 在职继承, or 离职继承
// when Resigned.
type Transfer struct {
	ExternalUserID string
	Handover       string
	Takeover       string
	Resigned       bool
	Message        string
	StartTime      int64
	// Status is 1 taken over, 2 waiting, 3 refused by the customer, 4 the
	// takeover member is at the customer limit.
	Status       int
	TakeoverTime int64
}

// settleTransfers completes the transfers whose 24 sandbox hours have
// passed; callers hold c.mu. It runs before every API call, in Snapshot
// and in SettleTransfers, so answers always reflect sandbox time.
func (c *Corp) settleTransfers() {
	now := c.Now().Unix()
	for _, tr := range c.st.ext.transfers {
		due := tr.StartTime + int64(transferDelay/time.Second)
		if tr.Status == 2 && due <= now {
			c.settle(tr, due)
		}
	}
}

func (c *Corp) settle(tr *Transfer, due int64) {
	if len(c.st.followsOf[tr.Takeover]) >= c.sb.opts.MaxCustomersPerMember {
		tr.Status = 4
		c.emit(c.newEvent(eventContact, "transfer_fail", text("FailReason", "customer_limit_exceed"),
			text("UserID", tr.Takeover), text("ExternalUserID", tr.ExternalUserID)))
		return
	}
	tr.Status, tr.TakeoverTime = 1, due
	old := c.st.follow(tr.Handover, tr.ExternalUserID)
	if old == nil {
		return // the friendship ended meanwhile: nothing left to move
	}
	if c.st.follow(tr.Takeover, tr.ExternalUserID) == nil {
		moved := copyFollow(old)
		moved.UserID, moved.CreateTime, moved.AddWay, moved.OperUserID = tr.Takeover, due, 202, tr.Takeover
		c.st.putFollow(&moved)
	}
	c.st.removeFollow(tr.Handover, tr.ExternalUserID)
	if !tr.Resigned {
		c.emit(c.newEvent(eventContact, "del_external_contact", text("UserID", tr.Handover),
			text("ExternalUserID", tr.ExternalUserID), text("Source", "DELETE_BY_TRANSFER")))
	}
}

// SettleTransfers completes due transfers now (API calls and Snapshot do
// it anyway), delivering their callbacks.
func (c *Corp) SettleTransfers() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settleTransfers()
}

func (c *Corp) snapshotTransfers() []Transfer {
	out := make([]Transfer, 0, len(c.st.ext.transfers))
	for _, tr := range c.st.ext.transfers {
		out = append(out, *tr)
	}
	return out
}
