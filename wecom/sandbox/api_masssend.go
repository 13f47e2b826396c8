package sandbox

import "encoding/json"

type addMsgTemplateRequest struct {
	ChatType       string   `json:"chat_type"`
	ExternalUserID []string `json:"external_userid"`
	ChatIDList     []string `json:"chat_id_list"`
	TagFilter      struct {
		GroupList []struct {
			TagList []string `json:"tag_list"`
		} `json:"group_list"`
	} `json:"tag_filter"`
	Sender string `json:"sender"`
	Text   struct {
		Content string `json:"content"`
	} `json:"text"`
	Attachments []json.RawMessage `json:"attachments"`
}

// apiAddMsgTemplate creates a mass-send task for the chosen customers (or
// groups); customers no member can reach come back in fail_list.
func (c *Corp) apiAddMsgTemplate(q *call) (any, error) {
	var req addMsgTemplateRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if err := checkMsgTemplate(&req); err != nil {
		return nil, err
	}
	media, err := c.checkMedia(req.Attachments, q.replay)
	if err != nil {
		return nil, err
	}
	ms := &MassSend{MsgID: c.newID("msg"), ChatType: req.ChatType, CreateTime: c.Now().Unix(),
		Text: req.Text.Content, Attachments: len(req.Attachments), MediaIDs: media}
	var failed []string
	if req.ChatType == "group" {
		err = c.targetGroups(ms, req)
	} else {
		failed, err = c.targetCustomers(ms, req)
	}
	if err != nil {
		return nil, err
	}
	ms.FailList = failed
	c.st.ext.massSends[ms.MsgID] = ms
	c.st.ext.massSendIDs = append(c.st.ext.massSendIDs, ms.MsgID)
	return struct {
		FailList []string `json:"fail_list"`
		MsgID    string   `json:"msgid"`
	}{nonNil(failed), ms.MsgID}, nil
}

func checkMsgTemplate(req *addMsgTemplateRequest) error {
	if req.ChatType == "" {
		req.ChatType = "single"
	}
	switch {
	case req.ChatType != "single" && req.ChatType != "group":
		return failf(40058, "chat_type must be single or group")
	case len(req.ExternalUserID) > 10000:
		return failf(40058, "external_userid holds more than 10000 ids")
	case len(req.ChatIDList) > 2000:
		return failf(40058, "chat_id_list holds more than 2000 ids")
	case len(req.Attachments) > 9:
		return fail(41064)
	case len(req.Text.Content) > 4000:
		return failf(40058, "text.content exceeds 4000 bytes")
	case req.Text.Content == "" && len(req.Attachments) == 0:
		return fail(44004)
	case req.ChatType == "group" && req.Sender == "":
		return failf(40058, "sender is required for group mass sends")
	case req.ChatType == "single" && req.Sender == "" && len(req.ExternalUserID) == 0:
		return failf(40058, "external_userid and sender cannot both be empty")
	}
	return nil
}

// targetCustomers picks, per customer, the member who sends: the sender,
// else the follower who chatted (or the first one).
func (c *Corp) targetCustomers(ms *MassSend, req addMsgTemplateRequest) ([]string, error) {
	if req.Sender != "" {
		if err := c.requireMember(req.Sender); err != nil {
			return nil, err
		}
	}
	ids := req.ExternalUserID
	if len(ids) == 0 {
		ids = c.st.followsOf[req.Sender]
	}
	var failed []string
	for _, ext := range ids {
		f := c.massSender(ext, req.Sender)
		if f == nil {
			failed = append(failed, ext)
			continue
		}
		if matchesTagFilter(f.TagIDs, req) {
			ms.Results = append(ms.Results, MassSendResult{ExternalUserID: ext, UserID: f.UserID})
			ms.addTask(f.UserID)
		}
	}
	if len(ms.Results) == 0 {
		return nil, fail(41048)
	}
	return failed, nil
}

func (c *Corp) massSender(ext, sender string) *Follow {
	if sender != "" {
		return c.st.follow(sender, ext)
	}
	var first *Follow
	for _, u := range c.st.followersOf[ext] {
		f := c.st.follow(u, ext)
		if f.Chatted {
			return f
		}
		if first == nil {
			first = f
		}
	}
	return first
}

// matchesTagFilter applies tag_filter: every group must match, a group
// matching when the follow has any of its tags.
func matchesTagFilter(tags []string, req addMsgTemplateRequest) bool {
	for _, g := range req.TagFilter.GroupList {
		hit := len(g.TagList) == 0
		for _, t := range g.TagList {
			hit = hit || contains(tags, t)
		}
		if !hit {
			return false
		}
	}
	return true
}

// targetGroups sends to the sender's listed groups (all of them without a
// list).
func (c *Corp) targetGroups(ms *MassSend, req addMsgTemplateRequest) error {
	if err := c.requireMember(req.Sender); err != nil {
		return err
	}
	ids := req.ChatIDList
	if len(ids) == 0 {
		ids = c.groupsMatching(0, []string{req.Sender})
	}
	for _, id := range ids {
		if g := c.st.groups[id]; g != nil && !g.Dismissed && g.Owner == req.Sender {
			ms.Results = append(ms.Results, MassSendResult{ChatID: id, UserID: req.Sender})
		}
	}
	if len(ms.Results) == 0 {
		return fail(41048)
	}
	ms.addTask(req.Sender)
	return nil
}

func (ms *MassSend) addTask(userID string) {
	for _, t := range ms.Tasks {
		if t.UserID == userID {
			return
		}
	}
	ms.Tasks = append(ms.Tasks, MassSendTask{UserID: userID})
}
