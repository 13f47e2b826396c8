package sandbox

import "fmt"

// CustomerRefusesTransfer is the customer declining a waiting transfer:
// status 3 and a transfer_fail (customer_refused) callback naming the
// takeover member.
func (c *Corp) CustomerRefusesTransfer(externalUserID string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settleTransfers()
	for _, tr := range c.st.ext.transfers {
		if tr.ExternalUserID == externalUserID && tr.Status == 2 {
			tr.Status = 3
			c.emit(c.newEvent(eventContact, "transfer_fail", text("FailReason", "customer_refused"),
				text("UserID", tr.Takeover), text("ExternalUserID", externalUserID)))
			return nil
		}
	}
	return fmt.Errorf("sandbox: waiting transfer of %q: %w", externalUserID, ErrNotFound)
}

// MemberResigns marks a member as having left: their customers become
// unassigned (get_unassigned_list) and their groups wait for 离职继承
// (status 1). No callback.
func (c *Corp) MemberResigns(userID string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.st.members[userID]
	if m == nil {
		return fmt.Errorf("sandbox: member %q: %w", userID, ErrNotFound)
	}
	m.Resigned, m.ResignTime = true, c.Now().Unix()
	for _, g := range c.st.groups {
		if g.Owner == userID && !g.Dismissed {
			g.Status = 1
		}
	}
	return nil
}

// Transfers returns every transfer so far, oldest first (due ones settled).
func (c *Corp) Transfers() []Transfer {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settleTransfers()
	return c.snapshotTransfers()
}
