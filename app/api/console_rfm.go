package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/rfm"
)

// rfmPageRoutes serves RFM 与生命周期: every role reads the settings and
// the distribution; operators and admins change the settings.
func (s *server) rfmPageRoutes(g *gin.RouterGroup) {
	g.GET("/rfm", s.rfmPage)
	g.Group("", s.consoleAllow(app.RoleOperator)).POST("/rfm", s.saveRFMPage)
}

// rfmView is the page: the scope's settings in words and as a form, the
// thresholds last used, and how many members each class and stage holds.
type rfmView struct {
	Scopes     []scopeOption
	Scope      scopeOption
	Current    []rfm.Setting
	Used       []rfm.Setting
	Form       rfmForm
	Errors     map[string]string
	Classes    []rfmCount
	Stages     []rfmCount
	Members    int64
	Unbought   int64 // members without a sale: a stage, no class
	ComputedAt string
}

// rfmCount is one class's or stage's members.
type rfmCount struct {
	Key, Name, Rule string
	N               int64
	Pct             string
}

func (s *server) rfmPage(c *gin.Context) { s.renderRFM(c, http.StatusOK, nil, nil) }

// renderRFM shows the page; a form read from the request (form non-nil)
// is shown as sent, with its refusals.
func (s *server) renderRFM(c *gin.Context, status int, form *rfmForm, errs map[string]string) {
	ctx, p := c.Request.Context(), caller(c)
	v := s.view(c, "RFM 与生命周期", "rfm", nil)
	rv := rfmView{Errors: errs}
	var err error
	if rv.Scopes, err = s.brandScopes(ctx, p.CorpID); err == nil {
		rv.Scope, err = readScope(c, rv.Scopes)
	}
	var st *app.RFMSettings
	var n *app.RFMCounts
	if err == nil {
		st, err = s.d.RFM.Settings(ctx, p.CorpID, rv.Scope.ID)
	}
	if err == nil {
		n, err = s.d.RFM.Counts(ctx, p.CorpID, rv.Scope.ID)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	rv.Current, rv.Form = rfm.Describe(*st), formOfRFM(*st)
	if form != nil {
		rv.Form = *form
	}
	if st.SweptAt != nil {
		used := *st
		used.RecencyDays, used.Frequency, used.MonetaryCents = st.UsedRecencyDays, st.UsedFrequency, st.UsedMonetaryCents
		rv.Used = rfm.Describe(used)[:3]
	}
	rv.fillCounts(n, v)
	v.Data = rv
	s.render(c, status, "console_rfm.html", v)
}

// rfmClasses are the 8 classes in the briefing's order, each with its
// rule in arrows.
var rfmClasses = [][2]string{{app.RFMValue, "R↑ F↑ M↑"}, {app.RFMRecall, "R↓ F↑ M↑"}, {app.RFMDeepen, "R↑ F↓ M↑"},
	{app.RFMRetain, "R↓ F↓ M↑"}, {app.RFMPotential, "R↑ F↑ M↓"}, {app.RFMNew, "R↑ F↓ M↓"}, {app.RFMMaintain, "R↓ F↑ M↓"}, {app.RFMLost, "R↓ F↓ M↓"}}

// rfmStages are the lifecycle stages in order.
var rfmStages = []string{app.StageIntro, app.StageGrowth, app.StageMature, app.StageDormant, app.StageChurned}

func (rv *rfmView) fillCounts(n *app.RFMCounts, v *consoleView) {
	pct := func(k, of int64) string {
		if of == 0 {
			return "—"
		}
		return strconv.FormatFloat(float64(k)*100/float64(of), 'f', 1, 64) + "%"
	}
	var classed int64
	for _, k := range n.Classes {
		classed += k
	}
	for _, c := range rfmClasses {
		rv.Classes = append(rv.Classes, rfmCount{Key: c[0], Name: app.RFMClassNames[c[0]], Rule: c[1], N: n.Classes[c[0]], Pct: pct(n.Classes[c[0]], classed)})
	}
	for _, st := range rfmStages {
		rv.Stages = append(rv.Stages, rfmCount{Key: st, Name: app.StageNames[st], N: n.Stages[st], Pct: pct(n.Stages[st], n.Members)})
	}
	rv.Members, rv.Unbought = n.Members, n.Members-classed
	rv.ComputedAt = v.Local(n.ComputedAt)
}

// saveRFMPage saves the form and queues the recompute; a refused form
// comes back with every reason beside its field.
func (s *server) saveRFMPage(c *gin.Context) {
	sc, ok := s.formScope(c)
	if !ok {
		return
	}
	f, in, bad := readRFMForm(c, sc.ID)
	checked := fieldsRenamed(app.ErrorFields(in.Validate()), "monetary_cents", "monetary")
	if bad != nil || checked != nil {
		s.renderRFM(c, http.StatusBadRequest, &f, rulesErrors(bad, checked.Err()))
		return
	}
	if _, err := s.d.RFM.SaveSettings(c.Request.Context(), caller(c).CorpID, in); err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, "/console/rfm?scope="+strconv.FormatInt(sc.ID, 10), "已保存 RFM 与生命周期设置，正在按新设置重新计算全部会员")
}
