package api

import (
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/dashboard"
)

// dashPage is a page of the managers' dashboards (看板): its menu entry,
// whether what it reads is wired, and how it fills its view (every row
// of its tables when all: an export).
type dashPage struct {
	key, label, path string
	ok               bool
	build            func(c *gin.Context, r *dashReq, all bool) error
}

// dashPages are the dashboards in menu order. Every role reads them: a
// store manager their own store's figures, the others the corp's.
func (s *server) dashPages() []dashPage {
	d := s.d.Dashboard != nil
	return []dashPage{
		{"dash", "总览", "/dash/overview", d, s.dashOverview},
		{"dash-guides", "导购排行", "/dash/guides", d, s.dashGuides},
		{"dash-stores", "门店对比", "/dash/stores", d, s.dashStores},
		{"dash-credits", "业绩归属", "/dash/credits", d && s.d.Attribution != nil && s.d.Org != nil, s.dashCredits},
		{"dash-assets", "客户资产", "/dash/assets", d, s.dashAssets},
		{"dash-channels", "渠道效果", "/dash/channels", d, s.dashChannels},
		{"dash-referrals", "裂变", "/dash/referrals", d, s.dashReferrals},
		{"dash-execution", "执行", "/dash/execution", d, s.dashExecution},
		{"dash-uplift", "提升效果", "/dash/uplift", d, s.dashUplift},
	}
}

// dashConsolePages are the dashboards as console pages, under 看板.
func (s *server) dashConsolePages() []consolePage {
	var out []consolePage
	for _, p := range s.dashPages() {
		if p.ok {
			out = append(out, consolePage{key: p.key, label: p.label, path: p.path, group: "看板", min: app.RoleAnalyst, routes: s.dashRoutes(p)})
		}
	}
	return out
}

// dashRoutes serves a dashboard and the Excel (or CSV) export of each
// of its tables.
func (s *server) dashRoutes(p dashPage) func(g *gin.RouterGroup) {
	return func(g *gin.RouterGroup) {
		g.GET(p.path, func(c *gin.Context) { s.dashPage(c, p) })
		g.GET(p.path+"/export", func(c *gin.Context) { s.dashExport(c, p) })
		if p.key == "dash" { // /console/dash opens 总览, its filter kept
			g.GET("/dash", func(c *gin.Context) { c.Redirect(http.StatusFound, ConsolePath+p.path+"?"+c.Request.URL.RawQuery) })
		}
	}
}

// dashReq is one request of a dashboard: the shell, the page's view,
// whose figures and which days, and the tables shown (for the export).
type dashReq struct {
	v      *consoleView
	view   *dashView
	sc     dashboard.Scope
	period dashboard.Period
	tables []dashboard.Table
}

// dashStart reads what every dashboard reads: the caller's scope and the
// period (refusals beside their fields); false when the caller has been
// answered with the error page.
func (s *server) dashStart(c *gin.Context, p dashPage) (*dashReq, bool) {
	v := s.view(c, p.label, p.key, nil)
	store, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return nil, false
	}
	today := time.Now().In(v.Zone).Format(time.DateOnly)
	period, err := dashboard.ParsePeriod(c.Query("period"), c.Query("from"), c.Query("to"), today)
	r := &dashReq{v: v, sc: dashboard.Scope{CorpID: caller(c).CorpID, StoreID: storeID(store)}, period: period,
		view: &dashView{Path: ConsolePath + p.path, Period: period, Presets: presetLinks(c, period)}}
	if store != nil {
		r.view.Store = store.Name
	}
	if err != nil {
		r.view.Errors = formErrors(err)
		r.view.From, r.view.To = c.Query("from"), c.Query("to")
	}
	return r, true
}

// dashPage shows a dashboard; a refused filter is shown beside its field
// with no figures, any other failure as the error page.
func (s *server) dashPage(c *gin.Context, p dashPage) {
	r, ok := s.dashStart(c, p)
	if !ok {
		return
	}
	if r.view.Errors == nil {
		if err := p.build(c, r, false); app.ErrorFields(err) != nil {
			r.view.Errors = formErrors(err)
		} else if err != nil {
			s.consoleError(c, err)
			return
		}
	}
	r.v.Data = r.view
	s.render(c, http.StatusOK, "console_dash.html", r.v)
}

// dashExport downloads every row of the table ?table= names (the page's
// first by default) under the page's filter, audited like every export.
func (s *server) dashExport(c *gin.Context, p dashPage) {
	r, ok := s.dashStart(c, p)
	if !ok {
		return
	}
	var err error
	if r.view.Errors != nil {
		err = app.Errorf(app.EINVALID, "筛选条件不正确：%s", firstError(r.view.Errors))
	} else {
		err = p.build(c, r, true)
	}
	want := c.Query("table")
	i := slices.IndexFunc(r.tables, func(t dashboard.Table) bool { return want == "" || t.Key == want })
	if err == nil && i < 0 {
		err = app.Errorf(app.ENOTFOUND, "该看板没有这张表")
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	t := r.tables[i]
	name := p.label + "-" + t.Title
	if !r.view.NoPeriod {
		name += "-" + r.period.From + "至" + r.period.To
	}
	s.export(c, "dashboard."+t.Key, table{name: name, header: exportHeader(t), each: func(emit func([]string) error) error {
		for _, row := range exportRows(t) {
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	}})
}
