package sandbox

import "strings"

// wireCustomer is external_contact in externalcontact/get and batch.
type wireCustomer struct {
	ExternalUserID string `json:"external_userid"`
	Name           string `json:"name"`
	Position       string `json:"position,omitempty"`
	Avatar         string `json:"avatar"`
	CorpName       string `json:"corp_name,omitempty"`
	CorpFullName   string `json:"corp_full_name,omitempty"`
	Type           int    `json:"type"`
	Gender         int    `json:"gender"`
	UnionID        string `json:"unionid,omitempty"`
}

func (c *Corp) wireCustomer(cu *Customer) wireCustomer {
	w := wireCustomer{
		ExternalUserID: cu.ExternalUserID, Name: cu.Name, Position: cu.Position, Avatar: cu.Avatar,
		CorpName: cu.CorpName, CorpFullName: cu.CorpFullName, Type: cu.Type, Gender: cu.Gender,
	}
	if cu.Type == 1 && c.cfg.UnionIDBound {
		w.UnionID = cu.UnionID
	}
	return w
}

// apiFollowUserList lists members with 客户联系 enabled.
func (c *Corp) apiFollowUserList(*call) (any, error) {
	users := []string{}
	for _, id := range c.st.memberIDs {
		if m := c.st.members[id]; m.ContactEnabled && !m.Resigned {
			users = append(users, id)
		}
	}
	return struct {
		FollowUser []string `json:"follow_user"`
	}{users}, nil
}

// apiList lists one member's customers.
func (c *Corp) apiList(q *call) (any, error) {
	userID := q.query("userid")
	if c.st.members[userID] == nil {
		return nil, fail(60111)
	}
	ids := append([]string{}, c.st.followsOf[userID]...)
	if len(ids) == 0 && c.sb.opts.Quirks.ListEmpty84061 {
		return nil, fail(84061)
	}
	return struct {
		ExternalUserID []string `json:"external_userid"`
	}{ids}, nil
}

// requireMember checks a userid names a member of the corp.
func (c *Corp) requireMember(userID string) error {
	if strings.TrimSpace(userID) == "" {
		return fail(40003)
	}
	if c.st.members[userID] == nil {
		return fail(60111)
	}
	return nil
}

// requireFollow finds a follow, with WeCom's errcodes when there is none.
func (c *Corp) requireFollow(userID, externalUserID string) (*Follow, error) {
	if err := c.requireMember(userID); err != nil {
		return nil, err
	}
	if externalUserID == "" {
		return nil, fail(41035)
	}
	if c.st.customers[externalUserID] == nil {
		return nil, fail(40096)
	}
	f := c.st.follow(userID, externalUserID)
	if f == nil {
		return nil, fail(84061)
	}
	return f, nil
}
