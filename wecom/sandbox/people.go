package sandbox

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned by actions naming a member, customer, follow,
// group or tag the corp does not have.
var ErrNotFound = errors.New("sandbox: not found")

// AddMember adds (or replaces) a member, as the admin console would; no
// callback.
func (c *Corp) AddMember(m Member) error {
	if m.UserID == "" {
		return fmt.Errorf("sandbox: member needs a userid")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.st.members[m.UserID]; !ok {
		c.st.memberIDs = append(c.st.memberIDs, m.UserID)
	}
	m.Departments = append([]int(nil), m.Departments...)
	c.st.members[m.UserID] = &m
	return nil
}

// PutCustomer records a customer profile without any follow (someone met
// in a group, or before they add anyone); no callback. Empty fields get
// defaults and a new external_userid, which it returns.
func (c *Corp) PutCustomer(cu Customer) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.putCustomer(cu)
}

// putCustomer fills defaults and stores a customer; callers hold c.mu.
func (c *Corp) putCustomer(cu Customer) string {
	if cu.ExternalUserID == "" {
		cu.ExternalUserID = c.newID("wm")
	}
	if cu.Type == 0 {
		cu.Type = 1
	}
	if cu.Name == "" {
		cu.Name = "客户" + cu.ExternalUserID[len(cu.ExternalUserID)-4:]
	}
	if cu.Type == 1 && cu.UnionID == "" {
		cu.UnionID = "oU" + cu.ExternalUserID[2:]
	}
	if cu.Avatar == "" {
		cu.Avatar = "https://wework.qpic.cn/wwhead/" + cu.ExternalUserID + "/0"
	}
	c.st.putCustomer(&cu)
	return cu.ExternalUserID
}

// PutFollow records a follow directly (for seeding), with no callback and
// no welcome code. Member and customer must exist; tags must exist.
func (c *Corp) PutFollow(f Follow) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.st.members[f.UserID] == nil || c.st.customers[f.ExternalUserID] == nil {
		return fmt.Errorf("sandbox: follow %s→%s: %w", f.UserID, f.ExternalUserID, ErrNotFound)
	}
	for _, id := range f.TagIDs {
		if g, _ := c.st.tag(id); g == nil {
			return fmt.Errorf("sandbox: tag %s: %w", id, ErrNotFound)
		}
	}
	if f.CreateTime == 0 {
		f.CreateTime = c.Now().Unix()
	}
	f.TagIDs = append([]string(nil), f.TagIDs...)
	f.RemarkMobiles = append([]string(nil), f.RemarkMobiles...)
	c.st.putFollow(&f)
	return nil
}

// Follow returns a copy of one follow, if it exists.
func (c *Corp) Follow(userID, externalUserID string) (Follow, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.st.follow(userID, externalUserID)
	if f == nil {
		return Follow{}, false
	}
	return copyFollow(f), true
}

func copyFollow(f *Follow) Follow {
	out := *f
	out.TagIDs = append([]string(nil), f.TagIDs...)
	out.RemarkMobiles = append([]string(nil), f.RemarkMobiles...)
	return out
}
