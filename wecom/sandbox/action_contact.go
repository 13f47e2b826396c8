package sandbox

import "fmt"

const eventContact = "change_external_contact"

// Add is a customer adding a member in WeChat (scanning a 联系我 code,
// searching a phone number…).
type Add struct {
	UserID string
	// Customer is who adds; an empty ExternalUserID makes a new customer,
	// an existing one re-adds (or adds a second member).
	Customer Customer
	// State is the 联系我 state; ConfigID instead takes the contact way's
	// state (and checks the member is on it).
	State    string
	ConfigID string
	// AddWay is WeCom's add_way (default 1, scanned a QR code).
	AddWay int
	// AlreadyChatted means the two had chatted before: no WelcomeCode.
	AlreadyChatted bool
	// Half is an add without verification (add_half_external_contact).
	Half bool
}

// Added is the result of CustomerAdds.
type Added struct {
	ExternalUserID string
	// WelcomeCode is empty when the two had already chatted.
	WelcomeCode string
}

// CustomerAdds makes the customer a friend of the member and delivers
// add_external_contact (or add_half_external_contact) with the state and,
// unless they had chatted, a WelcomeCode valid for 20 sandbox seconds.
func (c *Corp) CustomerAdds(a Add) (Added, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.st.members[a.UserID]
	if m == nil || !m.ContactEnabled {
		return Added{}, fmt.Errorf("sandbox: member %q with 客户联系: %w", a.UserID, ErrNotFound)
	}
	state, err := c.addState(a)
	if err != nil {
		return Added{}, err
	}
	ext := c.addingCustomer(a.Customer)
	if c.st.follow(a.UserID, ext) != nil {
		return Added{}, fmt.Errorf("sandbox: %s already follows %s", a.UserID, ext)
	}
	f := &Follow{UserID: a.UserID, ExternalUserID: ext, CreateTime: c.Now().Unix(),
		AddWay: a.AddWay, State: state, OperUserID: ext, Chatted: a.AlreadyChatted}
	if f.AddWay == 0 {
		f.AddWay = 1
	}
	c.st.putFollow(f)
	c.noteBehavior(a.UserID, c.Now(), func(d *behaviorDay) { d.contacts++ })
	out := Added{ExternalUserID: ext}
	if !a.AlreadyChatted {
		out.WelcomeCode = c.issueWelcomeCode(a.UserID, ext)
	}
	change := "add_external_contact"
	if a.Half {
		change = "add_half_external_contact"
	}
	c.emit(c.newEvent(eventContact, change, text("UserID", a.UserID), text("ExternalUserID", ext),
		text("State", state), text("WelcomeCode", out.WelcomeCode)))
	return out, nil
}

// addingCustomer returns the adding customer's id, creating the profile
// if it is new; callers hold c.mu.
func (c *Corp) addingCustomer(cu Customer) string {
	if known := c.st.customers[cu.ExternalUserID]; known != nil {
		return known.ExternalUserID
	}
	return c.putCustomer(cu)
}

// CustomerDeletesMember is the customer deleting the member in WeChat
// (del_follow_user). The sandbox ends the follow, so the member no longer
// lists the customer, and counts it in the day's negative feedback.
func (c *Corp) CustomerDeletesMember(userID, externalUserID string) error {
	return c.endFollow("del_follow_user", userID, externalUserID)
}

// MemberDeletesCustomer is the member deleting the customer in WeCom
// (del_external_contact). Source is optional ("DELETE_BY_TRANSFER" when a
// transfer took the customer away).
func (c *Corp) MemberDeletesCustomer(userID, externalUserID, source string) error {
	var extra []xmlField
	if source != "" {
		extra = append(extra, text("Source", source))
	}
	return c.endFollow("del_external_contact", userID, externalUserID, extra...)
}

func (c *Corp) endFollow(change, userID, externalUserID string, extra ...xmlField) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.st.removeFollow(userID, externalUserID) {
		return fmt.Errorf("sandbox: follow %s→%s: %w", userID, externalUserID, ErrNotFound)
	}
	if change == "del_follow_user" { // WeCom's negative_feedback_cnt
		c.noteBehavior(userID, c.Now(), func(d *behaviorDay) { d.negatives++ })
	}
	fields := append([]xmlField{text("UserID", userID), text("ExternalUserID", externalUserID)}, extra...)
	c.emit(c.newEvent(eventContact, change, fields...))
	return nil
}

// Edit is a member's change to a customer in the WeCom client; nil fields
// stay as they are.
type Edit struct {
	Remark      *string
	Description *string
	AddTags     []string
	RemoveTags  []string
}

// MemberEditsCustomer applies an edit made in the client and delivers
// edit_external_contact.
func (c *Corp) MemberEditsCustomer(userID, externalUserID string, e Edit) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.st.follow(userID, externalUserID)
	if f == nil {
		return fmt.Errorf("sandbox: follow %s→%s: %w", userID, externalUserID, ErrNotFound)
	}
	if err := c.markTags(f, e.AddTags, e.RemoveTags); err != nil {
		return fmt.Errorf("sandbox: edit tags: %w", err)
	}
	setIf(&f.Remark, e.Remark)
	setIf(&f.Description, e.Description)
	c.emit(c.newEvent(eventContact, "edit_external_contact",
		text("UserID", userID), text("ExternalUserID", externalUserID)))
	return nil
}

// MemberChats records that member and customer exchanged messages: a
// welcome code not yet used now fails with 41051.
func (c *Corp) MemberChats(userID, externalUserID string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.st.follow(userID, externalUserID)
	if f == nil {
		return fmt.Errorf("sandbox: follow %s→%s: %w", userID, externalUserID, ErrNotFound)
	}
	f.Chatted = true
	c.noteBehavior(userID, c.Now(), func(d *behaviorDay) { d.chats++ })
	return nil
}
