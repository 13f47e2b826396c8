package sandbox

// apiGroupChatList pages through live groups, filtered by inheritance
// status and owner.
func (c *Corp) apiGroupChatList(q *call) (any, error) {
	var req struct {
		StatusFilter int `json:"status_filter"`
		OwnerFilter  struct {
			UserIDList []string `json:"userid_list"`
		} `json:"owner_filter"`
		Cursor string `json:"cursor"`
		Limit  int    `json:"limit"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	owners := req.OwnerFilter.UserIDList
	if err := c.checkGroupListRequest(req.Limit, req.StatusFilter, owners); err != nil {
		return nil, err
	}
	ids := c.groupsMatching(req.StatusFilter, owners)
	from, to, next, err := pageOf(req.Cursor, req.Limit, len(ids))
	if err != nil {
		return nil, err
	}
	type item struct {
		ChatID string `json:"chat_id"`
		Status int    `json:"status"`
	}
	list := make([]item, 0, to-from)
	for _, id := range ids[from:to] {
		list = append(list, item{ChatID: id, Status: c.st.groups[id].Status})
	}
	return struct {
		GroupChatList []item `json:"group_chat_list"`
		NextCursor    string `json:"next_cursor,omitempty"`
	}{list, next}, nil
}

// checkGroupListRequest applies groupchat/list's limits: limit 1..1000,
// owner_filter ≤100, and 81017 without a filter over 1,000 members.
func (c *Corp) checkGroupListRequest(limit, status int, owners []string) error {
	if limit < 1 || limit > 1000 {
		return failf(40058, "limit must be 1 to 1000")
	}
	if status < 0 || status > 3 {
		return failf(40058, "invalid status_filter")
	}
	if len(owners) > 100 {
		return fail(81017)
	}
	if len(owners) == 0 && len(c.st.memberIDs) > 1000 {
		return fail(81017)
	}
	return nil
}

func (c *Corp) groupsMatching(status int, owners []string) []string {
	var ids []string
	for _, id := range c.st.groupIDs {
		g := c.st.groups[id]
		if g.Dismissed || (status != 0 && g.Status != status) {
			continue
		}
		if len(owners) > 0 && !contains(owners, g.Owner) {
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

type wireGroupMember struct {
	UserID    string `json:"userid"`
	Type      int    `json:"type"`
	UnionID   string `json:"unionid,omitempty"`
	JoinTime  int64  `json:"join_time"`
	JoinScene int    `json:"join_scene"`
	Invitor   *struct {
		UserID string `json:"userid"`
	} `json:"invitor,omitempty"`
	GroupNickname string `json:"group_nickname"`
	Name          string `json:"name,omitempty"`
	State         string `json:"state,omitempty"`
}

type wireAdmin struct {
	UserID string `json:"userid"`
}

// apiGroupChatGet answers one group; names only with need_name=1.
func (c *Corp) apiGroupChatGet(q *call) (any, error) {
	var req struct {
		ChatID   string `json:"chat_id"`
		NeedName int    `json:"need_name"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	g := c.st.groups[req.ChatID]
	if g == nil || g.Dismissed {
		return nil, fail(40050)
	}
	return struct {
		GroupChat any `json:"group_chat"`
	}{c.wireGroup(g, req.NeedName == 1)}, nil
}

func (c *Corp) wireGroup(g *Group, names bool) any {
	members := make([]wireGroupMember, 0, len(g.Members))
	for _, m := range g.Members {
		members = append(members, c.wireGroupMember(m, names))
	}
	admins := make([]wireAdmin, 0, len(g.Admins))
	for _, a := range g.Admins {
		admins = append(admins, wireAdmin{a})
	}
	return struct {
		ChatID        string            `json:"chat_id"`
		Name          string            `json:"name"`
		Owner         string            `json:"owner"`
		CreateTime    int64             `json:"create_time"`
		Notice        string            `json:"notice"`
		MemberList    []wireGroupMember `json:"member_list"`
		AdminList     []wireAdmin       `json:"admin_list"`
		MemberVersion string            `json:"member_version"`
	}{g.ChatID, g.Name, g.Owner, g.CreateTime, g.Notice, members, admins, g.Version}
}

func (c *Corp) wireGroupMember(m GroupMember, names bool) wireGroupMember {
	w := wireGroupMember{
		UserID: m.UserID, Type: m.Type, JoinTime: m.JoinTime, JoinScene: m.JoinScene,
		GroupNickname: m.GroupNickname, State: m.State,
	}
	if m.Type == 2 && c.cfg.UnionIDBound {
		w.UnionID = m.UnionID
	}
	if m.Invitor != "" {
		w.Invitor = &struct {
			UserID string `json:"userid"`
		}{m.Invitor}
	}
	if names {
		w.Name = m.Name
	}
	return w
}
