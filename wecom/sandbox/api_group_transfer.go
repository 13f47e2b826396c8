package sandbox

// groupTransferRequest is the body of groupchat/transfer and
// groupchat/onjob_transfer.
type groupTransferRequest struct {
	ChatIDList []string `json:"chat_id_list"`
	NewOwner   string   `json:"new_owner"`
}

type failedChat struct {
	ChatID  string `json:"chat_id"`
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

// apiGroupChatTransfer hands resigned owners' groups to a new owner
// (分配离职成员的客户群, doc 92127).
func (c *Corp) apiGroupChatTransfer(q *call) (any, error) { return c.transferGroups(q, false) }

// apiGroupChatOnJobTransfer hands employed owners' groups to a new owner
// (分配在职成员的客户群, doc 95703). WeCom also allows each group only 2
// on-job moves in 90 days; the sandbox does not count them.
func (c *Corp) apiGroupChatOnJobTransfer(q *call) (any, error) { return c.transferGroups(q, true) }

func (c *Corp) transferGroups(q *call, onJob bool) (any, error) {
	var req groupTransferRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if len(req.ChatIDList) == 0 || len(req.ChatIDList) > 100 {
		return nil, failf(40058, "chat_id_list must hold 1 to 100 ids")
	}
	if m := c.st.members[req.NewOwner]; m == nil || m.Resigned {
		return nil, fail(60111)
	}
	out := []failedChat{}
	for _, id := range req.ChatIDList {
		if code := c.inheritGroup(id, req.NewOwner, onJob); code != 0 {
			out = append(out, failedChat{id, code, errText(code)})
		}
	}
	return struct {
		FailedChatList []failedChat `json:"failed_chat_list"`
	}{out}, nil
}

// inheritGroup gives a group to newOwner and tells Siyu (update,
// change_owner); it returns the errcode: 40050 unknown group, 90500 the
// owner has not resigned (groupchat/transfer), 90502 the owner has
// resigned (onjob_transfer; the code is unconfirmed), 90504 the new owner
// already owns it (unconfirmed).
func (c *Corp) inheritGroup(chatID, newOwner string, onJob bool) int {
	g := c.st.groups[chatID]
	if g == nil || g.Dismissed {
		return 40050
	}
	m := c.st.members[g.Owner]
	resigned := m == nil || m.Resigned
	switch {
	case g.Owner == newOwner:
		return 90504
	case !onJob && !resigned:
		return 90500
	case onJob && resigned:
		return 90502
	}
	if memberIndex(g, newOwner) < 0 {
		joined, _ := c.groupMembers([]string{newOwner}, Join{JoinScene: 1}, c.Now().Unix())
		g.Members = append(g.Members, joined...)
		c.bumpVersion(g)
	}
	g.Owner = newOwner
	if !onJob {
		g.Status = 3
	}
	c.emit(c.newEvent(eventChat, "update", text("ChatId", chatID), text("UpdateDetail", "change_owner")))
	return 0
}
