package sandbox

import (
	"fmt"
	"net/url"
	"path"
	"slices"
)

// acquisitionLinkBase is where WeCom's 获客链接 live; a link's URL is
// this plus its link_id, and the customer_channel rides as a query.
const acquisitionLinkBase = "https://work.weixin.qq.com/ca/"

// maxLinkMembers is how many members one link may route to (500).
const maxLinkMembers = 500

// maxCustomerChannel is the longest customer_channel WeCom carries into
// the add's state, in bytes.
const maxCustomerChannel = 64

// AcquisitionLink is a 获客链接 (获客助手): a URL that opens a chat with one
// of its members in WeChat, without a QR code. A click carries
// ?customer_channel=<x> into the add's State, so one link serves every
// inviter of a campaign.
type AcquisitionLink struct {
	LinkID, Name string
	Users        []string
	Departments  []int
	SkipVerify   bool
	CreateTime   int64
	next         int // round-robin over the members, for a click naming none
}

// URL is the link as create_link and get answer it.
func (l *AcquisitionLink) URL() string { return acquisitionLinkBase + l.LinkID }

// AddByLink is a customer clicking rawURL (a link's URL with an optional
// ?customer_channel=x) and adding a member of the link: userID, or when
// empty the next member in turn. It delivers add_external_contact with
// State = the customer_channel, as CustomerAdds does.
func (c *Corp) AddByLink(rawURL, userID string, cu Customer) (Added, error) {
	c.mu.Lock()
	userID, state, err := c.clickLink(rawURL, userID)
	c.mu.Unlock()
	if err != nil {
		return Added{}, err
	}
	return c.CustomerAdds(Add{UserID: userID, Customer: cu, State: state})
}

// clickLink resolves a click: the member added and the state; callers
// hold c.mu.
func (c *Corp) clickLink(rawURL, userID string) (string, string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", "", fmt.Errorf("sandbox: link %q: %w", rawURL, err)
	}
	l := c.st.ext.links[path.Base(u.Path)]
	if l == nil {
		return "", "", fmt.Errorf("sandbox: 获客链接 %q: %w", rawURL, ErrNotFound)
	}
	channel := u.Query().Get("customer_channel")
	if len(channel) > maxCustomerChannel {
		return "", "", fmt.Errorf("sandbox: customer_channel is %d bytes, at most %d", len(channel), maxCustomerChannel)
	}
	members := c.linkMembers(l)
	switch {
	case len(members) == 0:
		return "", "", fmt.Errorf("sandbox: 获客链接 %s has no member with 客户联系", l.LinkID)
	case userID == "":
		userID = members[l.next%len(members)]
		l.next++
	case !slices.Contains(members, userID):
		return "", "", fmt.Errorf("sandbox: member %q is not on 获客链接 %s", userID, l.LinkID)
	}
	return userID, channel, nil
}

// linkMembers are the members a link routes to (its users and its
// departments' members, with 客户联系, not resigned), each once, in the
// corp's member order.
func (c *Corp) linkMembers(l *AcquisitionLink) []string {
	var out []string
	for _, id := range c.st.memberIDs {
		m := c.st.members[id]
		if m.ContactEnabled && !m.Resigned && (slices.Contains(l.Users, id) || inAny(m.Departments, l.Departments)) {
			out = append(out, id)
		}
	}
	return out
}

// inAny reports whether any of have is among want.
func inAny(have, want []int) bool {
	return slices.ContainsFunc(have, func(d int) bool { return slices.Contains(want, d) })
}
