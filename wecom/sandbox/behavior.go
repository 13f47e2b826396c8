package sandbox

import "time"

// Behavior is one member's 联系客户统计 for one day. Actions keep the
// counts (CustomerAdds: new apply and new contact; CustomerDeletesMember:
// negative feedback; MemberChats: a chat and a message); AddBehavior adds
// whatever else a test needs.
type Behavior struct {
	ChatCnt             int
	MessageCnt          int
	ReplyPercentage     float64 // only answered for days with chats
	AvgReplyTime        int     // minutes; only answered for days with chats
	NegativeFeedbackCnt int
	NewApplyCnt         int
	NewContactCnt       int
}

type behaviorKey struct {
	userID string
	day    int64 // unix time of the day's start, in sandbox time zone
}

func dayStart(t time.Time) int64 {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location()).Unix()
}

// AddBehavior adds b to the member's statistics for the day holding day
// (reply percentage and time replace, the counts add up).
func (c *Corp) AddBehavior(userID string, day time.Time, b Behavior) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.addBehavior(userID, day, b)
}

func (c *Corp) addBehavior(userID string, day time.Time, b Behavior) {
	k := behaviorKey{userID, dayStart(day.In(c.Now().Location()))}
	cur := c.st.ext.behavior[k]
	cur.ChatCnt += b.ChatCnt
	cur.MessageCnt += b.MessageCnt
	cur.NegativeFeedbackCnt += b.NegativeFeedbackCnt
	cur.NewApplyCnt += b.NewApplyCnt
	cur.NewContactCnt += b.NewContactCnt
	if b.ReplyPercentage != 0 || b.AvgReplyTime != 0 {
		cur.ReplyPercentage, cur.AvgReplyTime = b.ReplyPercentage, b.AvgReplyTime
	}
	c.st.ext.behavior[k] = cur
}
