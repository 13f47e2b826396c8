package referral

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// Limits of a campaign's settings.
const (
	maxTiers      = 5
	maxHoldHours  = 30 * 24
	maxGroups     = 5 // WeCom's limit of groups per join way
	maxNameRunes  = 32
	maxTitleRunes = 32
)

// validate checks every field of c an operator sets and reports all that
// are wrong at once, in Chinese.
func validate(c *app.ReferralCampaign) error {
	var f app.Fields
	if c.ChatIDs == nil {
		c.ChatIDs = []string{} // stored as JSON, never NULL
	}
	c.Name, c.Title = strings.TrimSpace(c.Name), strings.TrimSpace(c.Title)
	f.Check(c.Name == "" || utf8.RuneCountInString(c.Name) > maxNameRunes, "name", fmt.Sprintf("活动名称不能为空且不超过 %d 个字", maxNameRunes))
	f.Check(utf8.RuneCountInString(c.Title) > maxTitleRunes, "title", fmt.Sprintf("海报标题不超过 %d 个字", maxTitleRunes))
	f.Check(c.StartsAt.IsZero() || c.EndsAt.IsZero() || !c.EndsAt.After(c.StartsAt), "ends_at", "活动结束时间应晚于开始时间")
	f.Check(c.HoldHours < 0 || c.HoldHours > maxHoldHours, "hold_hours", "考察期应在 0 到 720 小时之间")
	f.Check(c.VelocityMax < 0 || (c.VelocityMax > 0 && c.VelocityMinutes <= 0), "velocity", "限速应为“每 N 分钟最多 M 人”，N、M 为正整数（M 为 0 表示不限）")
	switch c.Kind {
	case app.ReferralFriend:
		f.Check(c.ChannelID == nil, "channel_id", "任务宝需选择一个渠道活码，新好友按它的分配规则添加导购")
	case app.ReferralGroup:
		f.Check(len(c.ChatIDs) == 0 || len(c.ChatIDs) > maxGroups, "chat_ids", "群裂变需选择 1 到 5 个客户群")
		f.Check(c.GroupBase != "" && utf8.RuneCountInString(c.GroupBase) > 20, "group_base", "自动建群的群名前缀不超过 20 个字")
	default:
		f.Add("kind", "活动类型应为任务宝（friend）或群裂变（group）")
	}
	checkTiers(&f, c.Tiers)
	return f.Err()
}

// checkTiers wants 1 to 5 tiers, each with a reward, in rising order of
// helps.
func checkTiers(f *app.Fields, ts []app.ReferralTier) {
	if len(ts) == 0 || len(ts) > maxTiers {
		f.Add("tiers", "奖励阶梯应有 1 到 5 档")
		return
	}
	for i, t := range ts {
		n := i + 1
		f.Check(t.Helps <= 0, fmt.Sprintf("tiers[%d].helps", i), fmt.Sprintf("第 %d 档的邀请人数应为正整数", n))
		f.Check(t.RewardID <= 0, fmt.Sprintf("tiers[%d].reward_id", i), fmt.Sprintf("第 %d 档需选择奖品", n))
		f.Check(strings.TrimSpace(t.Name) == "" || utf8.RuneCountInString(t.Name) > 32, fmt.Sprintf("tiers[%d].name", i), fmt.Sprintf("第 %d 档需填写不超过 32 个字的说明", n))
	}
	f.Check(!slices.IsSortedFunc(ts, func(a, b app.ReferralTier) int { return a.Helps - b.Helps }) || hasDupHelps(ts), "tiers", "各档邀请人数应从小到大且不重复")
}

func hasDupHelps(ts []app.ReferralTier) bool {
	for i := 1; i < len(ts); i++ {
		if ts[i].Helps == ts[i-1].Helps {
			return true
		}
	}
	return false
}
