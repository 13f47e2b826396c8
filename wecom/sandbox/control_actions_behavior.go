package sandbox

import (
	"strconv"
	"time"
)

// behaviorActions set what get_user_behavior_data answers, for tests and
// demos that need given figures rather than the made-up ones.
func behaviorActions() []Action {
	count := func(name, help string) Param { return param(name, ParamInt, help) }
	return []Action{
		{Name: "member-behavior", Help: "设定成员某天的联系客户统计（替换记录与生成的数字）/ set a member's 联系客户统计 for a day (get_user_behavior_data)",
			Params: []Param{required("userid", ParamString, "成员 userid (member)"), required("day", ParamString, "日期 yyyy-mm-dd（北京时间）(the day, Beijing time)"),
				count("chat_cnt", "聊天数 (chats)"), count("message_cnt", "发送消息数 (messages sent)"),
				count("customer_chats", "客户主动发起的聊天数；为 0 时不返回回复率与回复时长 (chats customers began; 0 omits the reply figures)"),
				param("reply_percentage", ParamString, "已回复聊天占比，百分数，如 87.5 (reply percentage)"),
				count("avg_reply_time", "平均首次回复时长（分钟）(minutes to first reply)"), count("negative_feedback_cnt", "删除/拉黑成员的客户数 (negative feedback)"),
				count("new_apply_cnt", "发起申请数 (friend requests sent)"), count("new_contact_cnt", "新增客户数 (new customers)")},
			run: func(c *Corp, a Args) (any, error) {
				day, err := time.ParseInLocation(time.DateOnly, a.str("day"), statsZone())
				if err != nil {
					return nil, argErrorf("参数 day 应为 yyyy-mm-dd (parameter day must be yyyy-mm-dd)")
				}
				pct, err := strconv.ParseFloat(a.str("reply_percentage"), 64)
				if err != nil && a.has("reply_percentage") {
					return nil, argErrorf("参数 reply_percentage 应为数字 (parameter reply_percentage must be a number)")
				}
				c.SetBehavior(a.str("userid"), day, Behavior{ChatCnt: a.num("chat_cnt"), MessageCnt: a.num("message_cnt"),
					CustomerChats: a.num("customer_chats"), ReplyPercentage: pct, AvgReplyTime: a.num("avg_reply_time"),
					NegativeFeedbackCnt: a.num("negative_feedback_cnt"), NewApplyCnt: a.num("new_apply_cnt"), NewContactCnt: a.num("new_contact_cnt")})
				return map[string]any{}, nil
			}},
	}
}
