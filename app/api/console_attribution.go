package api

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
)

// attributionPageRoutes serves 业绩归属设置: every role reads the rules,
// their versions and the recompute's progress; operators and admins try
// a draft (试算) and save it.
func (s *server) attributionPageRoutes(g *gin.RouterGroup) {
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	g.GET("/attribution", s.attributionPage)
	g.GET("/attribution/runs/:id", s.attributionRunPart)
	w.POST("/attribution", s.saveAttributionPage)
	w.POST("/attribution/dry-run", s.attributionDryRunPage)
}

// attributionView is the settings page: the scope's rules in force, the
// form (as sent, when refused), a dry run's result, the latest run and
// every version.
type attributionView struct {
	Scopes  []scopeOption
	Scope   scopeOption
	Version int // 0: no version saved, the defaults apply
	Current []attribution.Setting
	Form    rulesForm
	Errors  map[string]string
	Dry     *dryView
	Run     *runView
	History []rulesVersionRow
}

func (s *server) attributionPage(c *gin.Context) {
	s.renderAttribution(c, http.StatusOK, nil, nil, nil)
}

// renderAttribution shows the page; a form read from the request (form
// non-nil) is shown as sent, with its refusals and dry run.
func (s *server) renderAttribution(c *gin.Context, status int, form *rulesForm, errs map[string]string, dry *dryView) {
	ctx, p := c.Request.Context(), caller(c)
	v := s.view(c, "业绩归属设置", "attribution", nil)
	av := attributionView{Errors: errs, Dry: dry}
	var err error
	if av.Scopes, err = s.brandScopes(ctx, p.CorpID); err == nil {
		av.Scope, err = readScope(c, av.Scopes)
	}
	var rs []app.AttributionRules
	var runs map[int64]app.AttributionRun
	if err == nil {
		rs, runs, err = s.d.Attribution.Versions(ctx, p.CorpID, av.Scope.ID)
	}
	if err == nil {
		av.History, err = s.versionRows(ctx, p.CorpID, rs, runs, v.Zone)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	cur := app.DefaultAttributionRules(p.CorpID, av.Scope.ID)
	if len(rs) > 0 {
		cur, av.Version = rs[0], rs[0].Version
		if run, ok := runs[cur.ID]; ok {
			av.Run = runViewOf(run)
		}
	}
	av.Current, av.Form = attribution.Describe(cur), formOfRules(cur)
	av.Form.From, av.Form.To = lastDays(v.Zone, 30)
	if form != nil {
		av.Form = *form
	}
	v.Data = av
	s.render(c, status, "console_attribution.html", v)
}

// lastDays are the n days up to yesterday in zone, as a date form's
// values: the dry run's default period.
func lastDays(zone *time.Location, n int) (string, string) {
	today := time.Now().In(zone)
	return today.AddDate(0, 0, -n).Format("2006-01-02"), today.AddDate(0, 0, -1).Format("2006-01-02")
}

// saveAttributionPage saves the form as the scope's next version and
// starts the recompute; a refused form comes back with every reason
// beside its field.
func (s *server) saveAttributionPage(c *gin.Context) {
	sc, ok := s.formScope(c)
	if !ok {
		return
	}
	f, in, bad := readRulesForm(c, sc.ID)
	checked := in.Validate()
	if bad != nil || checked != nil {
		s.renderAttribution(c, http.StatusBadRequest, &f, rulesErrors(bad, checked), nil)
		return
	}
	r, run, err := s.d.Attribution.SaveRules(c.Request.Context(), caller(c).CorpID, in)
	if app.ErrorCode(err) == app.EINVALID || app.ErrorCode(err) == app.ECONFLICT {
		s.renderAttribution(c, StatusOf(app.ErrorCode(err)), &f, formErrors(err), nil)
		return
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, "/console/attribution?scope="+strconv.FormatInt(sc.ID, 10),
		fmt.Sprintf("已保存第 %d 版归属规则，正在按新规则重新计算 %d 笔订单", r.Version, run.Total))
}
