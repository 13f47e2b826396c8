package sandbox

// apiGetUnassignedList pages through resigned members' customers that no
// transfer is moving yet.
func (c *Corp) apiGetUnassignedList(q *call) (any, error) {
	var req struct {
		Cursor   string `json:"cursor"`
		PageSize int    `json:"page_size"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	type info struct {
		HandoverUserID string `json:"handover_userid"`
		ExternalUserID string `json:"external_userid"`
		DimissionTime  int64  `json:"dimission_time"`
	}
	var all []info
	for _, u := range c.st.memberIDs {
		m := c.st.members[u]
		if !m.Resigned {
			continue
		}
		for _, ext := range c.st.followsOf[u] {
			if !c.inTransfer(u, ext) {
				all = append(all, info{u, ext, m.ResignTime})
			}
		}
	}
	from, to, next, err := pageOf(req.Cursor, clampLimit(req.PageSize, 1000, 1000), len(all))
	if err != nil {
		return nil, err
	}
	return struct {
		Info       []info `json:"info"`
		IsLast     bool   `json:"is_last"`
		NextCursor string `json:"next_cursor,omitempty"`
	}{append([]info{}, all[from:to]...), next == "", next}, nil
}

func (c *Corp) inTransfer(handover, ext string) bool {
	for _, tr := range c.st.ext.transfers {
		if tr.Handover == handover && tr.ExternalUserID == ext && tr.Status == 2 {
			return true
		}
	}
	return false
}

// apiGroupChatTransfer hands resigned owners' groups to a new owner
// (离职继承 of groups, immediate); per-group failures are listed.
func (c *Corp) apiGroupChatTransfer(q *call) (any, error) {
	var req struct {
		ChatIDList []string `json:"chat_id_list"`
		NewOwner   string   `json:"new_owner"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if len(req.ChatIDList) == 0 || len(req.ChatIDList) > 100 {
		return nil, failf(40058, "chat_id_list must hold 1 to 100 ids")
	}
	if m := c.st.members[req.NewOwner]; m == nil || m.Resigned {
		return nil, fail(60111)
	}
	type failed struct {
		ChatID  string `json:"chat_id"`
		ErrCode int    `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
	}
	out := []failed{}
	for _, id := range req.ChatIDList {
		if code := c.inheritGroup(id, req.NewOwner); code != 0 {
			out = append(out, failed{id, code, errText(code)})
		}
	}
	return struct {
		FailedChatList []failed `json:"failed_chat_list"`
	}{out}, nil
}

// inheritGroup gives a resigned owner's group to newOwner; it returns the
// errcode (40050 unknown group, 90500 owner has not resigned).
func (c *Corp) inheritGroup(chatID, newOwner string) int {
	g := c.st.groups[chatID]
	if g == nil || g.Dismissed {
		return 40050
	}
	if m := c.st.members[g.Owner]; m != nil && !m.Resigned {
		return 90500
	}
	if memberIndex(g, newOwner) < 0 {
		joined, _ := c.groupMembers([]string{newOwner}, Join{JoinScene: 1}, c.Now().Unix())
		g.Members = append(g.Members, joined...)
		c.bumpVersion(g)
	}
	g.Owner, g.Status = newOwner, 3
	return 0
}
