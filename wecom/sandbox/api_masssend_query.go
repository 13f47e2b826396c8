package sandbox

import (
	"encoding/json"
	"time"
)

type msgIDRequest struct {
	MsgID  string `json:"msgid"`
	UserID string `json:"userid"`
	Limit  int    `json:"limit"`
	Cursor string `json:"cursor"`
}

// massSendOf finds a mass send (41046 missing msgid, 41047 unknown).
func (c *Corp) massSendOf(id string) (*MassSend, error) {
	if id == "" {
		return nil, fail(41046)
	}
	ms := c.st.ext.massSends[id]
	if ms == nil {
		return nil, fail(41047)
	}
	return ms, nil
}

// decodeMassSend reads a request naming a mass send by msgid and finds it.
func (c *Corp) decodeMassSend(q *call) (msgIDRequest, *MassSend, error) {
	var req msgIDRequest
	if err := q.decode(&req); err != nil {
		return req, nil, err
	}
	ms, err := c.massSendOf(req.MsgID)
	return req, ms, err
}

type wireGroupMsg struct {
	MsgID      string `json:"msgid"`
	Creator    string `json:"creator,omitempty"`
	CreateTime int64  `json:"create_time"`
	CreateType int    `json:"create_type"`
	Text       struct {
		Content string `json:"content"`
	} `json:"text"`
	Attachments []json.RawMessage `json:"attachments"`
}

// apiGroupMsgListV2 lists mass sends created in a span of at most a month.
func (c *Corp) apiGroupMsgListV2(q *call) (any, error) {
	req := struct {
		ChatType   string `json:"chat_type"`
		StartTime  int64  `json:"start_time"`
		EndTime    int64  `json:"end_time"`
		Creator    string `json:"creator"`
		FilterType *int   `json:"filter_type"`
		Limit      int    `json:"limit"`
		Cursor     string `json:"cursor"`
	}{}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if req.ChatType == "" || req.StartTime == 0 || req.EndTime == 0 || req.EndTime < req.StartTime ||
		time.Duration(req.EndTime-req.StartTime)*time.Second > 31*24*time.Hour {
		return nil, failf(40058, "chat_type, start_time and end_time (at most a month apart) are required")
	}
	filter := 2
	if req.FilterType != nil {
		filter = *req.FilterType
	}
	var list []wireGroupMsg
	for _, id := range c.st.ext.massSendIDs {
		ms := c.st.ext.massSends[id]
		if ms.ChatType == req.ChatType && ms.CreateTime >= req.StartTime && ms.CreateTime <= req.EndTime &&
			(filter == 2 || filter == ms.CreateType) && (req.Creator == "" || req.Creator == ms.Creator) {
			w := wireGroupMsg{MsgID: ms.MsgID, Creator: ms.Creator, CreateTime: ms.CreateTime, CreateType: ms.CreateType,
				Attachments: []json.RawMessage{}}
			w.Text.Content = ms.Text
			list = append(list, w)
		}
	}
	from, to, next, err := pageOf(req.Cursor, clampLimit(req.Limit, 50, 100), len(list))
	if err != nil {
		return nil, err
	}
	return struct {
		GroupMsgList []wireGroupMsg `json:"group_msg_list"`
		NextCursor   string         `json:"next_cursor,omitempty"`
	}{append([]wireGroupMsg{}, list[from:to]...), next}, nil
}

// apiGroupMsgTask lists the members' tasks of a mass send.
func (c *Corp) apiGroupMsgTask(q *call) (any, error) {
	req, ms, err := c.decodeMassSend(q)
	if err != nil {
		return nil, err
	}
	from, to, next, err := pageOf(req.Cursor, clampLimit(req.Limit, 500, 1000), len(ms.Tasks))
	if err != nil {
		return nil, err
	}
	type task struct {
		UserID   string `json:"userid"`
		Status   int    `json:"status"`
		SendTime int64  `json:"send_time,omitempty"`
	}
	list := make([]task, 0, to-from)
	for _, t := range ms.Tasks[from:to] {
		list = append(list, task{t.UserID, t.Status, t.SendTime})
	}
	return struct {
		TaskList   []task `json:"task_list"`
		NextCursor string `json:"next_cursor,omitempty"`
	}{list, next}, nil
}

// apiGroupMsgSendResult lists one member's per-customer (or per-group)
// outcomes.
func (c *Corp) apiGroupMsgSendResult(q *call) (any, error) {
	req, ms, err := c.decodeMassSend(q)
	if err != nil {
		return nil, err
	}
	if err := c.requireMember(req.UserID); err != nil {
		return nil, err
	}
	type result struct {
		ExternalUserID string `json:"external_userid,omitempty"`
		ChatID         string `json:"chat_id,omitempty"`
		UserID         string `json:"userid"`
		Status         int    `json:"status"`
		SendTime       int64  `json:"send_time,omitempty"`
	}
	var all []result
	for _, r := range ms.Results {
		if r.UserID == req.UserID {
			all = append(all, result{r.ExternalUserID, r.ChatID, r.UserID, r.Status, r.SendTime})
		}
	}
	from, to, next, err := pageOf(req.Cursor, clampLimit(req.Limit, 500, 1000), len(all))
	if err != nil {
		return nil, err
	}
	return struct {
		SendList   []result `json:"send_list"`
		NextCursor string   `json:"next_cursor,omitempty"`
	}{append([]result{}, all[from:to]...), next}, nil
}

// apiRemindGroupMsgSend reminds the members; three times per 24 hours.
func (c *Corp) apiRemindGroupMsgSend(q *call) (any, error) {
	_, ms, err := c.decodeMassSend(q)
	if err != nil {
		return nil, err
	}
	if ms.Cancelled {
		return nil, fail(41093)
	}
	now := c.Now().Unix()
	recent := 0
	for _, t := range ms.Reminders {
		if now-t < 24*3600 {
			recent++
		}
	}
	if recent >= 3 {
		return nil, fail(41094)
	}
	ms.Reminders = append(ms.Reminders, now)
	return nil, nil
}

// apiCancelGroupMsgSend stops a mass send; unconfirmed tasks never go out.
func (c *Corp) apiCancelGroupMsgSend(q *call) (any, error) {
	_, ms, err := c.decodeMassSend(q)
	if err != nil {
		return nil, err
	}
	ms.Cancelled = true
	return nil, nil
}
