package api

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// referralTierRows is how many tier rows the form shows (a campaign has
// at most five tiers); rows left blank are no tier.
const referralTierRows = 5

// referralTimeLayout is how a datetime-local field reads and writes a
// campaign's window, in the corp's zone.
const referralTimeLayout = "2006-01-02T15:04"

// referralForm is the campaign form as typed, with what it offers.
type referralForm struct {
	ID                                       int64
	Name, Kind, Title, StartsAt, EndsAt      string
	ChannelID, PosterID, GroupBase, GroupNum string
	HoldHours, VelocityMax, VelocityMinutes  string
	ChatIDs                                  []string
	AllowExisting, KeepOnLeave, Link         bool // Link: a 任务宝 by 获客链接
	Tiers                                    []referralTierForm
	Errors                                   map[string]string
	Channels, Groups, Images, Rewards        []consoleOption
	ChannelName                              string   // an edited friend campaign's contact way
	GroupNames                               []string // an edited group campaign's groups
	RewardsWired                             bool
	tierRows                                 []int // the row each tier read came from
}

// referralTierForm is one tier row as typed.
type referralTierForm struct {
	N                     int // the row's number, from 1
	Helps, RewardID, Name string
}

// referralFormOf is the form filled with rc, its times in zone.
func referralFormOf(rc *app.ReferralCampaign, zone *time.Location) referralForm {
	f := referralForm{ID: rc.ID, Name: rc.Name, Kind: rc.Kind, Title: rc.Title, StartsAt: rc.StartsAt.In(zone).Format(referralTimeLayout),
		EndsAt: rc.EndsAt.In(zone).Format(referralTimeLayout), ChannelID: idText(rc.ChannelID), PosterID: idText(rc.PosterID),
		GroupBase: rc.GroupBase, HoldHours: strconv.Itoa(rc.HoldHours), ChatIDs: rc.ChatIDs,
		AllowExisting: rc.Rules.AllowExisting, KeepOnLeave: rc.Rules.KeepOnLeave, Link: rc.LinkID != ""}
	if rc.GroupNumber > 0 {
		f.GroupNum = strconv.Itoa(rc.GroupNumber)
	}
	if rc.VelocityMax > 0 {
		f.VelocityMax, f.VelocityMinutes = strconv.Itoa(rc.VelocityMax), strconv.Itoa(rc.VelocityMinutes)
	}
	for _, t := range rc.Tiers {
		f.Tiers = append(f.Tiers, referralTierForm{Helps: strconv.Itoa(t.Helps), RewardID: strconv.FormatInt(t.RewardID, 10), Name: t.Name})
	}
	return f
}

// idText shows an optional id as a form value ("" for none).
func idText(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

// readReferralForm reads the posted form: the form as typed, the campaign
// it asks for (times read in zone), and what could not be read.
func readReferralForm(c *gin.Context, zone *time.Location) (referralForm, app.ReferralCampaign, app.Fields) {
	pf := func(k string) string { return strings.TrimSpace(c.PostForm(k)) }
	f := referralForm{ID: pathID(c), Name: pf("name"), Kind: pf("kind"), Title: pf("title"), StartsAt: pf("starts_at"), EndsAt: pf("ends_at"),
		ChannelID: pf("channel_id"), PosterID: pf("poster_id"), GroupBase: pf("group_base"), GroupNum: pf("group_number"),
		HoldHours: pf("hold_hours"), VelocityMax: pf("velocity_max"), VelocityMinutes: pf("velocity_minutes"), ChatIDs: c.PostFormArray("chat_ids"),
		AllowExisting: c.PostForm("allow_existing") == "1", KeepOnLeave: c.PostForm("keep_on_leave") == "1", Link: c.PostForm("link") == "1"}
	rc := app.ReferralCampaign{ID: f.ID, CorpID: caller(c).CorpID, Name: f.Name, Kind: f.Kind, Title: f.Title, ChatIDs: f.ChatIDs,
		GroupBase: f.GroupBase, CreatedBy: caller(c).Actor, Rules: app.ReferralRules{AllowExisting: f.AllowExisting, KeepOnLeave: f.KeepOnLeave},
		ChannelID: optionalID(c, "channel_id"), PosterID: optionalID(c, "poster_id"), Link: f.Link}
	var bad app.Fields
	rc.StartsAt = readLocalTime(&bad, "starts_at", "开始时间", f.StartsAt, zone)
	rc.EndsAt = readLocalTime(&bad, "ends_at", "结束时间", f.EndsAt, zone)
	rc.HoldHours = readCount(&bad, "hold_hours", "考察期应为 0 到 720 之间的整数小时", f.HoldHours)
	rc.GroupNumber = readCount(&bad, "group_number", "自动建群的起始编号应为正整数", f.GroupNum)
	rc.VelocityMax = readCount(&bad, "velocity", "限速人数应为整数（不填为不限）", f.VelocityMax)
	rc.VelocityMinutes = readCount(&bad, "velocity", "限速分钟数应为正整数", f.VelocityMinutes)
	rc.Tiers = readReferralTiers(c, &f, &bad)
	return f, rc, bad
}

// readLocalTime reads a datetime-local value in zone, as UTC.
func readLocalTime(bad *app.Fields, field, label, typed string, zone *time.Location) time.Time {
	if typed == "" {
		bad.Add(field, "请填写"+label)
		return time.Time{}
	}
	t, err := time.ParseInLocation(referralTimeLayout, typed, zone)
	if err != nil {
		bad.Add(field, label+"格式应为 年-月-日 时:分")
		return time.Time{}
	}
	return t.UTC()
}

// readCount reads a whole number ≥ 0; blank is 0.
func readCount(bad *app.Fields, field, why, typed string) int {
	if typed == "" {
		return 0
	}
	n, err := strconv.Atoi(typed)
	if err != nil || n < 0 {
		bad.Add(field, why)
		return 0
	}
	return n
}

// readReferralTiers reads the tier rows; a blank row is no tier, and the
// rows kept are renumbered so the service's refusals name the row typed.
func readReferralTiers(c *gin.Context, f *referralForm, bad *app.Fields) []app.ReferralTier {
	helps, rewards, names := c.PostFormArray("tier_helps"), c.PostFormArray("tier_reward"), c.PostFormArray("tier_name")
	var out []app.ReferralTier
	for i := range min(len(helps), len(rewards), len(names), referralTierRows) {
		row := referralTierForm{Helps: strings.TrimSpace(helps[i]), RewardID: rewards[i], Name: strings.TrimSpace(names[i])}
		f.Tiers = append(f.Tiers, row)
		if row.Helps == "" && row.RewardID == "" && row.Name == "" {
			continue
		}
		n, err := strconv.Atoi(row.Helps)
		bad.Check(err != nil || n <= 0, fmt.Sprintf("tiers[%d].helps", len(out)), fmt.Sprintf("第 %d 档的邀请人数应为正整数", len(out)+1))
		reward, _ := strconv.ParseInt(row.RewardID, 10, 64)
		out, f.tierRows = append(out, app.ReferralTier{Helps: n, RewardID: reward, Name: row.Name}), append(f.tierRows, i)
	}
	return out
}

// rowErrors moves the refusals of tier k to the row it was typed in.
func (f *referralForm) rowErrors(errs map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range errs {
		var i int
		var rest string
		if n, _ := fmt.Sscanf(k, "tiers[%d].%s", &i, &rest); n == 2 && i < len(f.tierRows) {
			k = fmt.Sprintf("tiers[%d].%s", f.tierRows[i], rest)
		}
		out[k] = v
	}
	return out
}
