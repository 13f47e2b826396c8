package api

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// readChannelForm reads the posted form into a channel; what cannot be
// read (a number, a shift, coordinates) is refused by field.
func readChannelForm(c *gin.Context, f *channelForm) (*app.Channel, app.Fields) {
	var bad app.Fields
	ch := &app.Channel{Name: c.PostForm("name"), Kind: c.PostForm("kind"), StoreID: optionalID(c, "store_id"),
		SkipVerify: c.PostForm("skip_verify") != "", Pick: c.PostForm("pick"), BackupUserID: c.PostForm("backup_userid"),
		City: c.PostForm("city"), TagIDs: c.PostFormArray("tag_id"), Welcome: app.Welcome{Text: c.PostForm("welcome_text")}}
	if ch.TagIDs == nil {
		ch.TagIDs = []string{}
	}
	if n := strings.TrimSpace(c.PostForm("daily_cap")); n != "" {
		cap, err := strconv.Atoi(n)
		bad.Check(err != nil, "daily_cap", "每日上限应为整数，0 表示不限")
		ch.DailyCap = cap
	}
	ch.Latitude = microDegrees(&bad, "latitude", c.PostForm("latitude"))
	ch.Longitude = microDegrees(&bad, "longitude", c.PostForm("longitude"))
	for _, u := range f.Members {
		typed := c.PostForm("shifts_" + u)
		f.Shifts[u] = typed
		shifts, err := parseShifts(typed)
		if err != nil {
			bad.Add("members", err.Error())
		}
		ch.Members = append(ch.Members, app.ChannelMember{UserID: u, Shifts: shifts})
	}
	types, titles, urls := c.PostFormArray("att_type"), c.PostFormArray("att_title"), c.PostFormArray("att_url")
	for i := range types {
		if i < len(urls) && strings.TrimSpace(urls[i]) != "" {
			ch.Welcome.Attachments = append(ch.Welcome.Attachments, attachment(types[i], at(titles, i), strings.TrimSpace(urls[i])))
		}
	}
	return ch, bad
}

func at(list []string, i int) string {
	if i < len(list) {
		return strings.TrimSpace(list[i])
	}
	return ""
}

// attachment is a link or an image (by its URL) of the welcome message.
func attachment(kind, title, url string) app.WelcomeAttachment {
	if kind == "image" {
		return app.WelcomeAttachment{Type: "image", PicURL: url}
	}
	return app.WelcomeAttachment{Type: "link", Title: title, URL: url}
}

// parseShifts reads shifts as people type them: "1-5 09:00-18:00；6,7
// 10:00-22:00" (1 is Monday, 7 Sunday; several separated by ；or ;).
// Empty is no shifts: the guide takes customers at any time.
func parseShifts(s string) ([]app.Shift, error) {
	var out []app.Shift
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '；' || r == '\n' }) {
		fs := strings.Fields(part)
		if len(fs) == 0 {
			continue
		}
		if len(fs) != 2 {
			return nil, fmt.Errorf("班次「%s」应写成「1-5 09:00-18:00」", strings.TrimSpace(part))
		}
		days, err1 := parseDays(fs[0])
		from, to, err2 := parseSpan(fs[1])
		if err := firstOf(err1, err2); err != nil {
			return nil, fmt.Errorf("班次「%s」：%v", strings.TrimSpace(part), err)
		}
		out = append(out, app.Shift{Days: days, From: from, To: to})
	}
	return out, nil
}

// parseDays reads "1-5" or "1,3,5" (1 Monday … 7 Sunday).
func parseDays(s string) ([]int, error) {
	var out []int
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		lo, hi, ok := strings.Cut(p, "-")
		a, err := strconv.Atoi(lo)
		b := a
		if ok {
			b, err = strconv.Atoi(hi)
		}
		if err != nil || a < 1 || b > 7 || a > b {
			return nil, fmt.Errorf("星期应为 1（周一）到 7（周日），如 1-5 或 6,7")
		}
		for d := a; d <= b; d++ {
			out = append(out, d%7)
		}
	}
	return out, nil
}

// parseSpan reads "09:00-18:00" as minutes of the day; an end not after
// the start runs past midnight.
func parseSpan(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "-")
	from, err1 := clock(a)
	to, err2 := clock(b)
	if !ok || err1 != nil || err2 != nil || from >= 24*60 {
		return 0, 0, fmt.Errorf("时间应写成 09:00-18:00")
	}
	return from, to, nil
}

func clock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || hh == 24 && mm != 0 {
		return 0, fmt.Errorf("bad clock %q", s)
	}
	return hh*60 + mm, nil
}

// formatShifts writes shifts the way parseShifts reads them.
func formatShifts(shifts []app.Shift) string {
	parts := make([]string, len(shifts))
	for i, sh := range shifts {
		days := make([]string, len(sh.Days))
		for j, d := range sh.Days {
			if d == 0 {
				d = 7
			}
			days[j] = strconv.Itoa(d)
		}
		parts[i] = fmt.Sprintf("%s %02d:%02d-%02d:%02d", strings.Join(days, ","), sh.From/60, sh.From%60, sh.To/60, sh.To%60)
	}
	return strings.Join(parts, "；")
}
