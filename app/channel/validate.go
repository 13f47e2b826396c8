package channel

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// WeCom's limits on what a channel sends it.
const (
	maxMembers     = 100  // users of one multi-member contact way
	maxWelcomeText = 4000 // bytes of a welcome message's text
	maxTags        = 100
	minutesPerDay  = 24 * 60
)

// Validate normalises and checks what a user gives of c, alone; that its
// store, guides and tags exist is checked against the corp when written.
func Validate(c *app.Channel) error {
	var f app.Fields
	c.Name = strings.TrimSpace(c.Name)
	switch n := utf8.RuneCountInString(c.Name); {
	case n == 0:
		f.Add("name", "渠道名称不能为空")
	case n > 64:
		f.Add("name", "渠道名称不能超过64个字符")
	}
	validateKind(&f, c)
	validateMembers(&f, c)
	validateWelcome(&f, &c.Welcome)
	validateTags(&f, c)
	validatePlace(&f, c)
	return f.Err()
}

// validateKind checks the kind and what each kind allows: a guide's code
// routes to that guide alone, so shifts, caps and a backup mean nothing
// there; a store code needs its store; the online team's code has none.
func validateKind(f *app.Fields, c *app.Channel) {
	c.Pick = strings.TrimSpace(c.Pick)
	if c.Pick == "" {
		c.Pick = app.PickRoundRobin
	}
	f.Check(c.Pick != app.PickRoundRobin && c.Pick != app.PickLeastLoaded, "pick", "分配方式应为 round_robin 或 least_loaded")
	f.Check(c.DailyCap < 0, "daily_cap", "每日上限不能为负数，0 表示不限")
	c.BackupUserID = strings.TrimSpace(c.BackupUserID)
	switch c.Kind {
	case app.ChannelGuide:
		f.Check(c.StoreID != nil, "store_id", "个人活码的门店即导购所在门店，不能另行指定")
		f.Check(len(c.Members) != 1, "members", "个人活码应有且只有一位导购")
		f.Check(c.DailyCap != 0, "daily_cap", "个人活码只有一位导购，不能设置每日上限")
		f.Check(c.BackupUserID != "", "backup_userid", "个人活码只有一位导购，不能设置备用导购")
	case app.ChannelStore:
		f.Check(c.StoreID == nil, "store_id", "门店活码应指定门店")
	case app.ChannelOnline:
		f.Check(c.StoreID != nil, "store_id", "线上活码不属于门店，客户进入公海后分配")
	case app.ChannelCampaign:
	default:
		f.Add("kind", "渠道类型应为 store、guide、campaign 或 online")
	}
}

// validateMembers checks the guides and their shifts.
func validateMembers(f *app.Fields, c *app.Channel) {
	f.Check(len(c.Members) == 0, "members", "至少需要一位导购")
	f.Check(len(c.Members) > maxMembers, "members", fmt.Sprintf("导购不能超过%d位", maxMembers))
	seen := map[string]bool{}
	for i := range c.Members {
		m := &c.Members[i]
		field := "members[" + strconv.Itoa(i) + "]"
		m.UserID = strings.TrimSpace(m.UserID)
		f.Check(m.UserID == "", field+".userid", "导购账号不能为空")
		f.Check(seen[m.UserID], field+".userid", "导购 "+m.UserID+" 重复")
		seen[m.UserID] = true
		f.Check(c.Kind == app.ChannelGuide && len(m.Shifts) > 0, field+".shifts", "个人活码只有一位导购，不能设置班次")
		for j, sh := range m.Shifts {
			if reason := checkShift(sh); reason != "" {
				f.Add(field+".shifts["+strconv.Itoa(j)+"]", reason)
			}
		}
	}
}

// checkShift returns why sh is not a valid weekly window, or "".
func checkShift(sh app.Shift) string {
	if len(sh.Days) == 0 {
		return "班次应至少包含一天（0 为周日，6 为周六）"
	}
	for _, d := range sh.Days {
		if d < 0 || d > 6 {
			return "班次的星期应在 0（周日）到 6（周六）之间"
		}
	}
	switch {
	case sh.From < 0 || sh.From >= minutesPerDay:
		return "班次开始时间应在 0 到 1439 分钟之间"
	case sh.To < 0 || sh.To > minutesPerDay:
		return "班次结束时间应在 0 到 1440 分钟之间"
	}
	return ""
}

// validateWelcome checks the welcome message against WeCom's limits.
func validateWelcome(f *app.Fields, w *app.Welcome) {
	f.Check(len(w.Text) > maxWelcomeText, "welcome.text", "欢迎语不能超过4000字节")
	f.Check(len(w.Attachments) > app.MaxWelcomeAttachments, "welcome.attachments", "欢迎语附件不能超过9个")
	for i, a := range w.Attachments {
		if reason := checkAttachment(a); reason != "" {
			f.Add("welcome.attachments["+strconv.Itoa(i)+"]", reason)
		}
	}
}

func checkAttachment(a app.WelcomeAttachment) string {
	switch a.Type {
	case "image":
		if a.MediaID == "" && a.PicURL == "" {
			return "图片附件应有 media_id 或 pic_url"
		}
	case "link":
		if a.Title == "" || !strings.HasPrefix(a.URL, "http") {
			return "链接附件应有标题和 http(s) 地址"
		}
	case "miniprogram":
		if a.Title == "" || a.AppID == "" || a.Page == "" || a.MediaID == "" {
			return "小程序附件应有标题、appid、页面和封面 media_id"
		}
	default:
		return "附件类型应为 image、link 或 miniprogram"
	}
	return ""
}

func validateTags(f *app.Fields, c *app.Channel) {
	f.Check(len(c.TagIDs) > maxTags, "tag_ids", fmt.Sprintf("标签不能超过%d个", maxTags))
	for i, id := range c.TagIDs {
		c.TagIDs[i] = strings.TrimSpace(id)
		f.Check(c.TagIDs[i] == "", "tag_ids["+strconv.Itoa(i)+"]", "标签ID不能为空")
	}
}

// validatePlace checks the city and coordinates that send an online or
// campaign channel's pooled customers to the nearest store.
func validatePlace(f *app.Fields, c *app.Channel) {
	c.City = strings.TrimSpace(c.City)
	f.Check(utf8.RuneCountInString(c.City) > 64, "city", "城市不能超过64个字符")
	if (c.Latitude == nil) != (c.Longitude == nil) {
		f.Add("latitude", "经纬度应同时填写或同时留空")
		return
	}
	if c.Latitude == nil {
		return
	}
	f.Check(*c.Latitude < -90_000_000 || *c.Latitude > 90_000_000, "latitude", "纬度应在 -90 到 90 度之间")
	f.Check(*c.Longitude < -180_000_000 || *c.Longitude > 180_000_000, "longitude", "经度应在 -180 到 180 度之间")
}
