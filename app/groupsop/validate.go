package groupsop

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// validate checks sop as a whole and returns every refusal at once.
// massSend says whether group mass sends are wired.
func validate(sop *app.GroupSOP, massSend bool) error {
	var f app.Fields
	name := strings.TrimSpace(sop.Name)
	f.Check(name == "", "name", "请填写社群SOP名称")
	f.Check(utf8.RuneCountInString(name) > 64, "name", "名称最多 64 个字")
	f.Check(len(sop.Steps) == 0, "steps", "至少添加一个步骤")
	f.Check(sop.CatchUpHours < 0 || sop.CatchUpHours > 24*7, "catch_up_hours", "补发时限须在 0 到 168 小时之间")
	for i, st := range sop.Steps {
		checkStep(&f, fmt.Sprintf("steps[%d]", i), i+1, st, massSend)
	}
	return f.Err()
}

// checkStep records what is wrong with step n (1-based, as people count).
func checkStep(f *app.Fields, field string, n int, st app.GroupSOPStep, massSend bool) {
	at := fmt.Sprintf("第 %d 步：", n)
	_, _, ok := clock(st.At)
	f.Check(!ok, field+".at", at+"请填写发送时间（时:分）")
	f.Check(strings.TrimSpace(st.Content) == "", field+".content", at+"请填写要发送的内容")
	f.Check(utf8.RuneCountInString(st.Content) > 2000, field+".content", at+"内容最多 2000 个字")
	f.Check(st.MassSend && !massSend, field+".mass_send", at+"群发功能尚未接入，暂不能同时创建群发任务")
	switch st.Kind {
	case app.GroupStepDate:
		_, err := time.Parse("2006-01-02", st.Date)
		f.Check(err != nil, field+".date", at+"请填写日期（年-月-日）")
	case app.GroupStepWeekly:
		f.Check(st.Weekday < 1 || st.Weekday > 7, field+".weekday", at+"请选择星期几")
	case app.GroupStepAfterCreate, app.GroupStepAfterJoin:
		f.Check(st.Days < 0 || st.Days > 365, field+".days", at+"天数须在 0 到 365 之间")
	default:
		f.Add(field+".kind", at+"请选择时间方式（指定日期、每周、建群后或入群后）")
	}
}
