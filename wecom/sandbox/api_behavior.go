package sandbox

import "time"

type wireBehavior struct {
	StatTime            int64    `json:"stat_time"`
	ChatCnt             int      `json:"chat_cnt"`
	MessageCnt          int      `json:"message_cnt"`
	ReplyPercentage     *float64 `json:"reply_percentage,omitempty"`
	AvgReplyTime        *int     `json:"avg_reply_time,omitempty"`
	NegativeFeedbackCnt int      `json:"negative_feedback_cnt"`
	NewApplyCnt         int      `json:"new_apply_cnt"`
	NewContactCnt       int      `json:"new_contact_cnt"`
}

// apiUserBehaviorData answers one entry per day of the range, summed over
// the members named directly or through their departments.
func (c *Corp) apiUserBehaviorData(q *call) (any, error) {
	var req struct {
		UserID    []string `json:"userid"`
		PartyID   []int    `json:"partyid"`
		StartTime int64    `json:"start_time"`
		EndTime   int64    `json:"end_time"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if err := c.checkBehaviorRequest(len(req.UserID), len(req.PartyID), req.StartTime, req.EndTime); err != nil {
		return nil, err
	}
	users := c.behaviorUsers(req.UserID, req.PartyID)
	loc := c.Now().Location()
	var out []wireBehavior
	for day := dayStart(time.Unix(req.StartTime, 0).In(loc)); day <= req.EndTime; {
		out = append(out, c.behaviorOn(users, day))
		day = time.Unix(day, 0).In(loc).AddDate(0, 0, 1).Unix()
	}
	return struct {
		BehaviorData []wireBehavior `json:"behavior_data"`
	}{out}, nil
}

func (c *Corp) checkBehaviorRequest(users, parties int, start, end int64) error {
	switch {
	case users+parties == 0 || users > 100 || parties > 100:
		return failf(40058, "userid and partyid must name 1 to 100 members or departments each")
	case start == 0 || end == 0 || end < start:
		return failf(40058, "start_time and end_time are required")
	case c.sb.opts.Quirks.BehaviorSpanLimits && (end-start > 30*24*3600 || c.Now().Unix()-start > 180*24*3600):
		return failf(40058, "range over 30 days or older than 180 days")
	}
	return nil
}

// behaviorUsers lists the members named or in the departments, once each.
func (c *Corp) behaviorUsers(userIDs []string, parties []int) []string {
	var out []string
	for _, id := range c.st.memberIDs {
		in := contains(userIDs, id)
		for _, d := range c.st.members[id].Departments {
			for _, p := range parties {
				in = in || d == p
			}
		}
		if in {
			out = append(out, id)
		}
	}
	return out
}

func (c *Corp) behaviorOn(users []string, day int64) wireBehavior {
	w := wireBehavior{StatTime: day}
	var replyWeighted float64
	var timeWeighted int
	for _, u := range users {
		b := c.st.ext.behavior[behaviorKey{u, day}]
		w.ChatCnt += b.ChatCnt
		w.MessageCnt += b.MessageCnt
		w.NegativeFeedbackCnt += b.NegativeFeedbackCnt
		w.NewApplyCnt += b.NewApplyCnt
		w.NewContactCnt += b.NewContactCnt
		replyWeighted += b.ReplyPercentage * float64(b.ChatCnt)
		timeWeighted += b.AvgReplyTime * b.ChatCnt
	}
	if w.ChatCnt > 0 {
		reply, avg := replyWeighted/float64(w.ChatCnt), timeWeighted/w.ChatCnt
		w.ReplyPercentage, w.AvgReplyTime = &reply, &avg
	}
	return w
}
