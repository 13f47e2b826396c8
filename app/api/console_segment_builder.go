package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/segment"
)

// segmentForm is the builder page: the segment's name and refresh
// period, its rule tree, and after a refused save the reasons, each next
// to its field or condition ("" names the rule as a whole).
type segmentForm struct {
	Name, RefreshHours string
	Periods            []consoleOption
	Tree               segNode
	Errors             map[string]string
	Refused            int // how many reasons in all
}

// segmentPeriods are the refresh periods the builder offers (the service
// takes 0 to 720 hours).
var segmentPeriods = []consoleOption{{"0", "不自动刷新"}, {"1", "每小时"}, {"6", "每 6 小时"}, {"12", "每 12 小时"},
	{"24", "每天"}, {"168", "每周"}}

// segmentBuilderPage opens the builder on one empty condition or, with
// ?from=<id>, on a copy of that segment's rule.
func (s *server) segmentBuilderPage(c *gin.Context) {
	root := &ruleNode{Group: true, Op: "and", Kids: []*ruleNode{{}}}
	f := segmentForm{RefreshHours: "24"}
	if from, _ := strconv.ParseInt(c.Query("from"), 10, 64); from != 0 {
		g, err := s.d.Segments.Find(c.Request.Context(), caller(c).CorpID, from)
		var rule app.SegmentRule
		if err == nil {
			err = json.Unmarshal([]byte(g.Rule), &rule)
		}
		if err != nil {
			s.consoleError(c, err)
			return
		}
		if root = nodeOfRule(rule); !root.Group {
			root = &ruleNode{Group: true, Op: "and", Kids: []*ruleNode{root}}
		}
		f = segmentForm{Name: g.Name + "（副本）", RefreshHours: strconv.Itoa(g.RefreshHours)}
	}
	s.renderBuilder(c, http.StatusOK, f, root)
}

func (s *server) renderBuilder(c *gin.Context, status int, f segmentForm, root *ruleNode) {
	choices, err := s.segmentChoices(c.Request.Context(), caller(c).CorpID, root)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	f.Tree, f.Periods = viewTree(root, nil, choices), segmentPeriods
	if h, err := strconv.Atoi(f.RefreshHours); err == nil && optionLabel(f.Periods, f.RefreshHours) == "" {
		f.Periods = append(slices.Clone(f.Periods), consoleOption{Value: f.RefreshHours, Label: refreshPeriod(h)})
	}
	s.render(c, status, "console_segment_form.html", s.view(c, "新建人群", "segments", f))
}

// segmentTree renders the tree again after a change of its shape (a
// condition or group added or removed), or of a condition's field or
// comparison (its value input changes with them), and tells the page to
// count again.
func (s *server) segmentTree(c *gin.Context) {
	root := readRuleTree(c)
	applyAct(root, c.PostForm("act"))
	choices, err := s.segmentChoices(c.Request.Context(), caller(c).CorpID, root)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	c.Header("HX-Trigger", "segment-tree-changed")
	c.Header("Cache-Control", "no-store")
	c.HTML(http.StatusOK, "segment_tree", viewTree(root, nil, choices))
}

// saveSegment saves the segment and materializes its first snapshot; a
// refused one is shown again with every reason next to its field or
// condition.
func (s *server) saveSegment(c *gin.Context) {
	root := readRuleTree(c)
	f := segmentForm{Name: c.PostForm("name"), RefreshHours: c.PostForm("refresh_hours"), Errors: map[string]string{}}
	hours, herr := strconv.Atoi(strings.TrimSpace(f.RefreshHours))
	in := segment.Input{Name: f.Name, Rule: root.rule(), RefreshHours: hours}
	if herr != nil {
		in.RefreshHours = -1 // refused by the service with the other reasons
	}
	g, err := s.d.Segments.Create(c.Request.Context(), caller(c).CorpID, in)
	switch app.ErrorCode(err) {
	case "":
		s.done(c, fmt.Sprintf("/console/segments/%d", g.ID), fmt.Sprintf("已保存人群「%s」：%d 位客户", g.Name, g.Count))
		return
	case app.ECONFLICT:
		f.Errors["name"], f.Refused = "已有同名的人群，请换一个名称", 1
	case app.EINVALID:
		fields := app.ErrorFields(err)
		f.Refused = len(fields)
		for _, fe := range fields {
			if fe.Field == "name" || fe.Field == "refresh_hours" {
				f.Errors[fe.Field] = fe.Reason
			}
		}
		f.Errors[""] = strings.Join(placeErrors(root, ruleFields(fields), "rule."), "；")
	default:
		s.consoleError(c, err)
		return
	}
	s.renderBuilder(c, StatusOf(app.ErrorCode(err)), f, root)
}

// ruleFields are the refusals about the rule.
func ruleFields(fields []app.FieldError) []app.FieldError {
	var out []app.FieldError
	for _, fe := range fields {
		if strings.HasPrefix(fe.Field, "rule.") {
			out = append(out, fe)
		}
	}
	return out
}
