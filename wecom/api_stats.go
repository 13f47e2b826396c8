package wecom

import (
	"context"
	"time"

	"github.com/silenceper/wechat/v2/util"

	"github.com/siyu-scrm/siyu/app"
)

const apiUserBehavior = "externalcontact/get_user_behavior_data"

// Limits of get_user_behavior_data (REFERENCE §13): a request spans at
// most BehaviorMaxSpan days from its first day to its last (Siyu keeps
// to 30 days in all, inside either reading of WeCom's "30 days"), and
// starts within the last BehaviorMaxDaysBack days.
const (
	BehaviorMaxSpan     = 30
	BehaviorMaxDaysBack = 180
)

// BehaviorRequest asks for the statistics days From to To (yyyy-mm-dd,
// see StatsDay), both included, of members (≤ 100) or departments
// (≤ 100). WeCom answers one series summed over all of them: ask for one
// member a call for a member's own figures.
type BehaviorRequest struct {
	UserIDs  []string
	PartyIDs []int
	From, To string
}

// Behavior is one day of a member's 联系客户统计. ReplyPercentage
// (percent) and AvgReplyTime (minutes) are nil when WeCom left them out
// because no customer began a chat that day, which is not the same as 0.
type Behavior struct {
	Day                 string // yyyy-mm-dd, a statistics day
	ChatCnt             int64
	MessageCnt          int64
	ReplyPercentage     *float64
	AvgReplyTime        *float64
	NegativeFeedbackCnt int64
	NewApplyCnt         int64
	NewContactCnt       int64
}

// wireBehavior is one entry as WeCom sends it. The SDK's own type holds
// the reply figures as plain numbers, so an absent one reads as 0.
type wireBehavior struct {
	StatTime            int64    `json:"stat_time"`
	ChatCnt             int64    `json:"chat_cnt"`
	MessageCnt          int64    `json:"message_cnt"`
	ReplyPercentage     *float64 `json:"reply_percentage"`
	AvgReplyTime        *float64 `json:"avg_reply_time"`
	NegativeFeedbackCnt int64    `json:"negative_feedback_cnt"`
	NewApplyCnt         int64    `json:"new_apply_cnt"`
	NewContactCnt       int64    `json:"new_contact_cnt"`
}

// statsZone is the zone WeCom counts statistics days in (Beijing time,
// which keeps no daylight saving).
func statsZone() *time.Location { return time.FixedZone("CST", 8*3600) }

// StatsDay is the WeCom statistics day (yyyy-mm-dd) holding t.
func StatsDay(t time.Time) string { return t.In(statsZone()).Format(time.DateOnly) }

// UserBehaviorData returns 联系客户统计 per day, one entry a day.
func (c *Client) UserBehaviorData(ctx context.Context, req BehaviorRequest) ([]Behavior, error) {
	from, errFrom := time.ParseInLocation(time.DateOnly, req.From, statsZone())
	to, errTo := time.ParseInLocation(time.DateOnly, req.To, statsZone())
	if errFrom != nil || errTo != nil {
		return nil, app.Errorf(app.EINVALID, "统计日期应为 yyyy-mm-dd（%q 至 %q）", req.From, req.To)
	}
	body := struct {
		UserID    []string `json:"userid,omitempty"`
		PartyID   []int    `json:"partyid,omitempty"`
		StartTime int64    `json:"start_time"` // seconds: milliseconds are refused (600018)
		EndTime   int64    `json:"end_time"`
	}{req.UserIDs, req.PartyIDs, from.Unix(), to.Unix()}
	var wire []wireBehavior
	err := c.call(ctx, apiUserBehavior, true, func(s *session) error {
		var resp struct {
			util.CommonError
			BehaviorData []wireBehavior `json:"behavior_data"`
		}
		err := s.post("/cgi-bin/"+apiUserBehavior, body, &resp)
		wire = resp.BehaviorData
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]Behavior, len(wire))
	for i, w := range wire {
		out[i] = Behavior{Day: StatsDay(time.Unix(w.StatTime, 0)), ChatCnt: w.ChatCnt, MessageCnt: w.MessageCnt,
			ReplyPercentage: w.ReplyPercentage, AvgReplyTime: w.AvgReplyTime, NegativeFeedbackCnt: w.NegativeFeedbackCnt,
			NewApplyCnt: w.NewApplyCnt, NewContactCnt: w.NewContactCnt}
	}
	return out, nil
}
