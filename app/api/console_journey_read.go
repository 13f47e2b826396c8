package api

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// readJourneyForm reads the editor: the form as typed (blank step rows
// dropped), the journey it asks for, the form row of each step, and what
// could not be read.
func readJourneyForm(c *gin.Context) (journeyForm, app.Journey, []int, app.Fields) {
	f := journeyForm{Name: c.PostForm("name"), Kind: c.PostForm("kind"), Holiday: c.PostForm("holiday"), DayOfMonth: c.PostForm("day_of_month"),
		To: c.PostForm("to"), Reentry: c.PostForm("reentry"), CatchUp: c.PostForm("catch_up_hours"), SegmentID: c.PostForm("segment_id"), Tags: c.PostForm("tags"),
		Holdout: c.PostForm("holdout_percent")}
	f.ID, _ = strconv.ParseInt(c.Param("id"), 10, 64)
	var bad app.Fields
	num := func(field, typed string) int {
		n, err := strconv.Atoi(strings.TrimSpace(typed))
		bad.Check(strings.TrimSpace(typed) != "" && err != nil, field, "请填写整数")
		return n
	}
	in := app.Journey{Name: f.Name, Reentry: f.Reentry, CatchUpHours: num("catch_up_hours", f.CatchUp), HoldoutPercent: num("holdout_percent", f.Holdout),
		Trigger:  app.JourneyTrigger{Kind: f.Kind, Holiday: f.Holiday, DayOfMonth: num("trigger.day_of_month", f.DayOfMonth), To: f.To},
		Audience: app.JourneyAudience{SegmentID: int64(num("audience.segment_id", f.SegmentID))}}
	for _, t := range strings.FieldsFunc(f.Tags, func(r rune) bool { return r == ',' || r == '，' || r == ' ' }) {
		in.Audience.TagIDs = append(in.Audience.TagIDs, t)
	}
	var rows []int
	ids, days, ats, actions, contents, tags := c.PostFormArray("step_id"), c.PostFormArray("days"), c.PostFormArray("at"),
		c.PostFormArray("action"), c.PostFormArray("content"), c.PostFormArray("tag_id")
	for i := range ats {
		st := stepForm{ID: nth(ids, i), Days: nth(days, i), At: ats[i], Action: nth(actions, i), Content: nth(contents, i), TagID: nth(tags, i)}
		if st.ID == "" && strings.TrimSpace(st.Content) == "" && st.TagID == "" {
			continue // a blank row
		}
		row := len(f.Steps)
		f.Steps, rows = append(f.Steps, st), append(rows, row)
		id, _ := strconv.Atoi(st.ID)
		in.Steps = append(in.Steps, app.JourneyStep{ID: id, Days: num("row["+strconv.Itoa(row)+"].days", st.Days), At: strings.TrimSpace(st.At),
			Action: st.Action, Content: st.Content, TagID: strings.TrimSpace(st.TagID)})
	}
	return f, in, rows, bad
}

// nth is the i-th value of vs, "" past its end.
func nth(vs []string, i int) string {
	if i < len(vs) {
		return vs[i]
	}
	return ""
}
