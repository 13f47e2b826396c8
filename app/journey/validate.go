package journey

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// Limits of a journey, checked on every save.
const (
	maxSteps    = 20
	maxDays     = 366
	maxContent  = 2000
	maxTags     = 20
	maxCatchUp  = 7 * 24
	maxNameRune = 64
)

// triggerNames name the triggers for people.
var triggerNames = map[string]string{app.TriggerAdded: "添加好友后", app.TriggerBirthday: "生日", app.TriggerHoliday: "节日",
	app.TriggerMemberDay: "会员日", app.TriggerStage: "生命周期阶段变化", app.TriggerRFMClass: "RFM分类变化",
	app.TriggerFirstOrder: "首单", app.TriggerLastOrder: "最近一单后", app.TriggerRefund: "退款"}

// actionNames name the step actions for people.
var actionNames = map[string]string{app.ActionTask: "导购待办", app.ActionTagAdd: "打标签", app.ActionTagRemove: "移除标签", app.ActionMassSend: "单客群发"}

// check returns every problem of j at once, in Chinese, field by field.
func (s *Service) check(j *app.Journey, holidays map[string]bool) error {
	var f app.Fields
	j.Name = strings.TrimSpace(j.Name)
	f.Check(j.Name == "" || utf8.RuneCountInString(j.Name) > maxNameRune, "name", "旅程名称不能为空且不超过64个字")
	f.Check(j.Reentry != app.ReentryOnce && j.Reentry != app.ReentryOccurrence, "reentry", "请选择重复进入规则：每位客户一次，或每次触发一次")
	f.Check(j.CatchUpHours < 1 || j.CatchUpHours > maxCatchUp, "catch_up_hours", "补发窗口须在1到168小时之间")
	f.Check(j.HoldoutPercent < 0 || j.HoldoutPercent > app.MaxHoldoutPercent, "holdout_percent", "对照组比例须是0到50之间的整数")
	checkTrigger(&f, j.Trigger, holidays)
	f.Check(j.Audience.SegmentID < 0, "audience.segment_id", "人群不存在")
	f.Check(len(j.Audience.TagIDs) > maxTags, "audience.tag_ids", "受众标签最多20个")
	f.Check(len(j.Steps) == 0 || len(j.Steps) > maxSteps, "steps", "旅程须有1到20个步骤")
	for i, st := range j.Steps {
		s.checkStep(&f, fmt.Sprintf("steps[%d]", i), st)
	}
	return f.Err()
}

// checkTrigger checks the trigger's kind and the fields that kind needs.
func checkTrigger(f *app.Fields, t app.JourneyTrigger, holidays map[string]bool) {
	_, known := triggerNames[t.Kind]
	f.Check(!known, "trigger.kind", "请选择触发条件")
	switch t.Kind {
	case app.TriggerHoliday:
		f.Check(!holidays[t.Holiday], "trigger.holiday", "请选择节日日历中的节日")
	case app.TriggerMemberDay:
		f.Check(t.DayOfMonth < 1 || t.DayOfMonth > 28, "trigger.day_of_month", "会员日须是每月1到28日中的一天")
	case app.TriggerStage:
		_, ok := app.StageNames[t.To]
		f.Check(!ok, "trigger.to", "请选择进入的生命周期阶段")
	case app.TriggerRFMClass:
		_, ok := app.RFMClassNames[t.To]
		f.Check(!ok, "trigger.to", "请选择进入的RFM分类")
	}
}

// checkStep checks one step: its time, action and what the action needs.
func (s *Service) checkStep(f *app.Fields, at string, st app.JourneyStep) {
	_, _, ok := clockOf(st.At)
	f.Check(!ok, at+".at", "步骤时间须是 HH:MM（如 09:30）")
	f.Check(st.Days < -maxDays || st.Days > maxDays, at+".days", "步骤天数须在前后366天之内")
	_, known := actionNames[st.Action]
	f.Check(!known, at+".action", "请选择步骤动作")
	needsContent := st.Action == app.ActionTask || st.Action == app.ActionMassSend
	f.Check(needsContent && (strings.TrimSpace(st.Content) == "" || utf8.RuneCountInString(st.Content) > maxContent),
		at+".content", "发送内容不能为空且不超过2000个字")
	needsTag := st.Action == app.ActionTagAdd || st.Action == app.ActionTagRemove
	f.Check(needsTag && st.TagID == "", at+".tag_id", "请选择标签")
	f.Check(st.Action == app.ActionMassSend && s.Mass == nil, at+".action", "群发能力尚未接入，暂不能使用「单客群发」步骤")
}
