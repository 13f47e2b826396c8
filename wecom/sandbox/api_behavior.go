package sandbox

import (
	"math"
	"slices"
	"time"
)

// Limits of get_user_behavior_data (REFERENCE §13).
const (
	behaviorMaxIDs  = 100             // userids, and partyids, per request
	behaviorMaxSpan = 30 * 24 * 3600  // end_time − start_time, seconds
	behaviorDaysAgo = 180             // the earliest start day, before today
	behaviorMSFloor = 100_000_000_000 // a time above is in milliseconds (year 5138 in seconds)
)

type behaviorRequest struct {
	UserID    []string `json:"userid"`
	PartyID   []int    `json:"partyid"`
	StartTime int64    `json:"start_time"`
	EndTime   int64    `json:"end_time"`
}

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

// BehaviorCall is one get_user_behavior_data request the sandbox answered.
type BehaviorCall struct {
	UserIDs    []string
	PartyIDs   []int
	Start, End time.Time // as sent (Unix seconds)
}

// BehaviorCalls returns the corp's answered get_user_behavior_data
// requests, in order, so a test can see how a client split its pulls.
func (c *Corp) BehaviorCalls() []BehaviorCall {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.st.ext.behaviorCalls)
}

// apiUserBehaviorData answers one entry per day from start_time's day to
// end_time's (times are floored to the day, in Beijing time): one series
// summed over every member named or in a department named, however many.
func (c *Corp) apiUserBehaviorData(q *call) (any, error) {
	var req behaviorRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if err := c.checkBehaviorRequest(req); err != nil {
		return nil, err
	}
	start, end := time.Unix(req.StartTime, 0), time.Unix(req.EndTime, 0)
	c.st.ext.behaviorCalls = append(c.st.ext.behaviorCalls, BehaviorCall{UserIDs: req.UserID, PartyIDs: req.PartyID, Start: start, End: end})
	users := c.behaviorUsers(req.UserID, req.PartyID)
	out := []wireBehavior{}
	for day := dayOf(start); !day.After(end); day = day.AddDate(0, 0, 1) {
		bs := make([]Behavior, len(users))
		for i, u := range users {
			bs[i] = c.behaviorOf(u, day.Format(time.DateOnly))
		}
		out = append(out, mergeBehavior(day.Unix(), bs))
	}
	return struct {
		BehaviorData []wireBehavior `json:"behavior_data"`
	}{out}, nil
}

// dayOf is the start of t's statistics day.
func dayOf(t time.Time) time.Time {
	t = t.In(statsZone())
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// checkBehaviorRequest refuses what WeCom refuses: no one named, too many
// ids, millisecond times (600018), a range over 30 days or starting
// before the last 180 days. The codes other than 600018 are not
// documented: 40058 (invalid parameter) stands for them.
func (c *Corp) checkBehaviorRequest(r behaviorRequest) error {
	earliest := dayOf(c.Now()).AddDate(0, 0, -behaviorDaysAgo)
	switch {
	case len(r.UserID)+len(r.PartyID) == 0:
		return failf(40058, "userid and partyid cannot both be empty")
	case len(r.UserID) > behaviorMaxIDs || len(r.PartyID) > behaviorMaxIDs:
		return failf(40058, "at most %d userid and %d partyid", behaviorMaxIDs, behaviorMaxIDs)
	case r.StartTime > behaviorMSFloor || r.EndTime > behaviorMSFloor:
		return failf(600018, "start_time and end_time must be Unix seconds, not milliseconds")
	case r.StartTime <= 0 || r.EndTime <= 0 || r.EndTime < r.StartTime:
		return failf(40058, "start_time and end_time are required, end_time not before start_time")
	case r.EndTime-r.StartTime > behaviorMaxSpan:
		return failf(40058, "the range spans more than 30 days")
	case dayOf(time.Unix(r.StartTime, 0)).Before(earliest):
		return failf(40058, "only the last %d days can be queried", behaviorDaysAgo)
	}
	return nil
}

// behaviorUsers lists the members named or in the departments, once
// each; unknown userids count for nothing.
func (c *Corp) behaviorUsers(userIDs []string, parties []int) []string {
	var out []string
	for _, id := range c.st.memberIDs {
		in := contains(userIDs, id)
		for _, d := range c.st.members[id].Departments {
			in = in || slices.Contains(parties, d)
		}
		if in {
			out = append(out, id)
		}
	}
	return out
}

// mergeBehavior sums members' days into WeCom's one entry: counts add
// up, the reply figures are the means over the chats customers began,
// and are left out when no customer began one.
func mergeBehavior(statTime int64, bs []Behavior) wireBehavior {
	w := wireBehavior{StatTime: statTime}
	var began int
	var pct, mins float64
	for _, b := range bs {
		w.ChatCnt += b.ChatCnt
		w.MessageCnt += b.MessageCnt
		w.NegativeFeedbackCnt += b.NegativeFeedbackCnt
		w.NewApplyCnt += b.NewApplyCnt
		w.NewContactCnt += b.NewContactCnt
		if b.HasReply() {
			began += b.CustomerChats
			pct += b.ReplyPercentage * float64(b.CustomerChats)
			mins += float64(b.AvgReplyTime * b.CustomerChats)
		}
	}
	if began > 0 {
		p, m := math.Round(pct/float64(began)*100)/100, int(math.Round(mins/float64(began)))
		w.ReplyPercentage, w.AvgReplyTime = &p, &m
	}
	return w
}
