package api

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// groupSOPStepRows is how many blank step rows the editor shows beyond
// the SOP's steps (rows without content are left out).
const groupSOPStepRows = 3

// groupStepKinds are the step timings as the editor offers them.
var groupStepKinds = [][2]string{{app.GroupStepDate, "指定日期"}, {app.GroupStepWeekly, "每周"},
	{app.GroupStepAfterCreate, "建群后第 N 天"}, {app.GroupStepAfterJoin, "成员入群后第 N 天"}}

// weekdayNames are ISO weekdays (1 Monday … 7 Sunday) in Chinese.
var weekdayNames = [][2]string{{"1", "周一"}, {"2", "周二"}, {"3", "周三"}, {"4", "周四"}, {"5", "周五"}, {"6", "周六"}, {"7", "周日"}}

// groupSOPForm is the editor as typed, with what it offers to choose.
type groupSOPForm struct {
	ID                      int64
	Name, CatchUp, NameLike string
	Owners, Stores, Tags    []string // chosen: userids, store ids, tag ids
	Steps                   []groupStepForm
	Errors                  map[string]string
	// Choices: guides and stores by name, the corp's group tags.
	Guides, StoreChoices []consoleOption
	GroupTags            []app.GroupTag
	Kinds, Weekdays      [][2]string
	Count                int64 // groups the selection picks now
	MassSend             bool  // group mass sends are wired
}

// groupStepForm is one step row as typed.
type groupStepForm struct{ ID, Kind, Date, Weekday, Days, At, Content, MassSend string }

// formOfGroupSOP is the editor filled with sop.
func formOfGroupSOP(sop *app.GroupSOP) groupSOPForm {
	f := groupSOPForm{ID: sop.ID, Name: sop.Name, CatchUp: strconv.Itoa(sop.CatchUpHours), NameLike: sop.Selection.NameContains,
		Owners: sop.Selection.Owners}
	for _, id := range sop.Selection.StoreIDs {
		f.Stores = append(f.Stores, strconv.FormatInt(id, 10))
	}
	for _, id := range sop.Selection.TagIDs {
		f.Tags = append(f.Tags, strconv.FormatInt(id, 10))
	}
	for _, st := range sop.Steps {
		row := groupStepForm{ID: strconv.Itoa(st.ID), Kind: st.Kind, Date: st.Date, At: st.At, Content: st.Content}
		if st.Weekday > 0 {
			row.Weekday = strconv.Itoa(st.Weekday)
		}
		if st.Kind == app.GroupStepAfterCreate || st.Kind == app.GroupStepAfterJoin {
			row.Days = strconv.Itoa(st.Days)
		}
		if st.MassSend {
			row.MassSend = "1"
		}
		f.Steps = append(f.Steps, row)
	}
	return f
}

// readGroupSOPForm reads the posted editor: the form as typed, the SOP
// it asks for, and which row each of its steps came from.
func readGroupSOPForm(c *gin.Context) (groupSOPForm, app.GroupSOP, []int, app.Fields) {
	f := groupSOPForm{ID: pathID(c), Name: c.PostForm("name"), CatchUp: strings.TrimSpace(c.PostForm("catch_up_hours")),
		NameLike: strings.TrimSpace(c.PostForm("name_contains")), Owners: c.PostFormArray("owners"), Stores: c.PostFormArray("stores"),
		Tags: c.PostFormArray("tags")}
	sop := app.GroupSOP{ID: f.ID, CorpID: caller(c).CorpID, Name: f.Name, CreatedBy: caller(c).Actor}
	var bad app.Fields
	sop.Selection, bad = groupSelectionOf(f)
	if f.CatchUp != "" {
		sop.CatchUpHours = atoiOr(f.CatchUp, -1)
	}
	rows := readGroupStepRows(c, &f, &sop)
	return f, sop, rows, bad
}

// groupSelectionOf reads the chosen stores and tags as ids.
func groupSelectionOf(f groupSOPForm) (app.GroupSelection, app.Fields) {
	sel := app.GroupSelection{Owners: f.Owners, NameContains: f.NameLike}
	var bad app.Fields
	for _, v := range f.Stores {
		id, err := strconv.ParseInt(v, 10, 64)
		bad.Check(err != nil, "selection", "门店选择无效，请刷新页面后重试")
		sel.StoreIDs = append(sel.StoreIDs, id)
	}
	for _, v := range f.Tags {
		id, err := strconv.ParseInt(v, 10, 64)
		bad.Check(err != nil, "selection", "群标签选择无效，请刷新页面后重试")
		sel.TagIDs = append(sel.TagIDs, id)
	}
	return sel, bad
}
