package app

import "time"

// BehaviorDay is one guide's WeCom chat figures (联系客户统计,
// get_user_behavior_data) for one WeCom statistics day (yyyy-mm-dd,
// Beijing time: WeCom counts whole days in its own zone). ReplyPctBP
// (the share of chats customers began that the guide answered that day,
// in basis points) and AvgReplyTimeX100 (minutes to the first reply, in
// hundredths) are nil when WeCom left them out because no customer began
// a chat, which is not 0.
type BehaviorDay struct {
	CorpID              int64
	UserID              string `gorm:"column:userid"`
	Day                 string
	ChatCnt             int64  `gorm:"column:chat_cnt"`
	MessageCnt          int64  `gorm:"column:message_cnt"`
	ReplyPctBP          *int64 `gorm:"column:reply_pct_bp"`
	AvgReplyTimeX100    *int64 `gorm:"column:avg_reply_time_x100"`
	NegativeFeedbackCnt int64  `gorm:"column:negative_feedback_cnt"`
	NewApplyCnt         int64  `gorm:"column:new_apply_cnt"`
	NewContactCnt       int64  `gorm:"column:new_contact_cnt"`
	PulledAt            time.Time
}

// BehaviorPull is one corp's nightly pull of the figures, by the day (in
// the corp's zone) it ran on. FinishedAt is nil while it has guides left;
// Calls counts the WeCom calls of its last attempt, Skipped the guides
// WeCom did not know.
type BehaviorPull struct {
	CorpID     int64
	Day        string
	StartedAt  time.Time
	FinishedAt *time.Time
	Guides     int
	Calls      int
	Skipped    int
}
