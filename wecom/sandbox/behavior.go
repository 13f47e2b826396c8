package sandbox

import "time"

// Behavior is one member's 联系客户统计 for one day, as
// get_user_behavior_data answers it for that member alone.
type Behavior struct {
	ChatCnt    int // 单聊 the member sent at least one message in
	MessageCnt int // messages the member sent in 单聊
	// CustomerChats is how many of the day's chats the customer began.
	// WeCom answers ReplyPercentage and AvgReplyTime only when it is above
	// zero, and weighs them by it when it merges several members.
	CustomerChats       int
	ReplyPercentage     float64 // of CustomerChats, answered the same day (percent)
	AvgReplyTime        int     // minutes to the first reply
	NegativeFeedbackCnt int     // customers who deleted or blocked the member
	NewApplyCnt         int     // friend requests the member sent
	NewContactCnt       int     // customers added
}

// HasReply reports whether WeCom answers the reply figures for b.
func (b Behavior) HasReply() bool { return b.CustomerChats > 0 }

// behaviorDay is what the sandbox recorded of one member's day.
type behaviorDay struct {
	contacts  int       // customers who added the member
	negatives int       // customers who deleted the member
	chats     int       // chats recorded by MemberChats (one message each)
	set       *Behavior // figures a test set: they replace everything
}

// behaviorKey is a member and a day (yyyy-mm-dd in WeCom's zone).
type behaviorKey struct {
	userID string
	day    string
}

// statsZone is the zone WeCom's statistics days are in: Beijing time,
// whatever zone the sandbox clock reads in.
func statsZone() *time.Location { return time.FixedZone("CST", 8*3600) }

// statsDay is the statistics day holding t.
func statsDay(t time.Time) string { return t.In(statsZone()).Format(time.DateOnly) }

// noteBehavior changes the member's record of the day holding at; callers
// hold c.mu.
func (c *Corp) noteBehavior(userID string, at time.Time, change func(d *behaviorDay)) {
	k := behaviorKey{userID, statsDay(at)}
	d := c.st.ext.behavior[k]
	if d == nil {
		d = &behaviorDay{}
		c.st.ext.behavior[k] = d
	}
	change(d)
}

// SetBehavior makes b the member's figures for the day holding day (in
// WeCom's zone, Beijing time), replacing what the sandbox recorded or
// would make up; later adds, deletions and chats of that day no longer
// change them.
func (c *Corp) SetBehavior(userID string, day time.Time, b Behavior) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.noteBehavior(userID, day, func(d *behaviorDay) { d.set = &b })
}

// BehaviorOf returns the figures get_user_behavior_data answers for the
// member alone on the day holding day, so a test can check what a client
// stored against what the sandbox holds.
func (c *Corp) BehaviorOf(userID string, day time.Time) Behavior {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.behaviorOf(userID, statsDay(day))
}

// behaviorOf is a member's day: figures set by a test, or else adds and
// deletions as recorded, with the chats recorded that day or, for a past
// day without any, made up (madeUpBehavior). Callers hold c.mu.
func (c *Corp) behaviorOf(userID, day string) Behavior {
	d := c.st.ext.behavior[behaviorKey{userID, day}]
	if d != nil && d.set != nil {
		return *d.set
	}
	if d == nil {
		return c.madeUpBehavior(userID, day)
	}
	b := Behavior{ChatCnt: d.chats, MessageCnt: d.chats}
	if d.chats == 0 {
		b = c.madeUpBehavior(userID, day)
	}
	b.NewContactCnt, b.NegativeFeedbackCnt = d.contacts, d.negatives
	return b
}
