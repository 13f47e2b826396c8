package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// miniPageRoutes serves 小程序: the corp's mini-programs. Everyone reads;
// operators and admins register and change them.
func (s *server) miniPageRoutes(g *gin.RouterGroup) {
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	g.GET("/mini-apps", s.miniAppsPage)
	w.GET("/mini-apps/new", s.miniAppFormPage)
	w.POST("/mini-apps/new", s.saveMiniAppForm)
	w.GET("/mini-apps/:id/edit", s.miniAppFormPage)
	w.POST("/mini-apps/:id/edit", s.saveMiniAppForm)
}

// miniAppRow is a mini-program as the list shows it: its brand by name.
type miniAppRow struct {
	app.MiniApp
	Brand string
}

func (s *server) miniAppsPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	apps, _, err := s.d.MiniApps.ListApps(ctx, corpID, app.Page{Limit: app.MaxPageSize})
	var names orgNames
	if err == nil {
		names, err = s.orgNames(ctx, corpID)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	rows := make([]miniAppRow, len(apps))
	for i, a := range apps {
		rows[i] = miniAppRow{MiniApp: a, Brand: names.brand(a.BrandID)}
	}
	s.render(c, http.StatusOK, "console_mini_apps.html", s.view(c, "小程序", "mini-apps", rows))
}

// miniAppForm is the form's data: the mini-program as typed, the brands
// to choose from, and the refused fields. The secret is never shown.
type miniAppForm struct {
	formView
	App    app.MiniApp
	Brand  string
	Brands []app.Brand
	New    bool
}

func (s *server) miniAppFormPage(c *gin.Context) {
	f := miniAppForm{New: c.Param("id") == "", App: app.MiniApp{CampaignPage: "pages/campaign/index"}}
	if !f.New {
		a, err := s.d.MiniApps.App(c.Request.Context(), caller(c).CorpID, pathID(c))
		if err != nil {
			s.consoleError(c, err)
			return
		}
		f.App, f.App.AppSecret = *a, ""
	}
	s.renderMiniAppForm(c, http.StatusOK, f)
}

func (s *server) renderMiniAppForm(c *gin.Context, status int, f miniAppForm) {
	names, err := s.orgNames(c.Request.Context(), caller(c).CorpID)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	f.Brands = names.Brands
	if f.Brand == "" {
		f.Brand = names.brand(f.App.BrandID)
	}
	title := "登记小程序"
	if !f.New {
		title = "编辑小程序 " + f.App.Name
	}
	s.render(c, status, "console_mini_app_form.html", s.view(c, title, "mini-apps", f))
}

// saveMiniAppForm registers or changes a mini-program; an empty secret
// on an edit keeps the one stored.
func (s *server) saveMiniAppForm(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	f := miniAppForm{New: c.Param("id") == "", Brand: c.PostForm("brand")}
	f.App = app.MiniApp{ID: pathID(c), CorpID: corpID, AppID: c.PostForm("appid"), Name: c.PostForm("name"),
		AppSecret: c.PostForm("app_secret"), JoinTemplate: c.PostForm("join_template"), RewardTemplate: c.PostForm("reward_template"),
		CampaignPage: c.PostForm("campaign_page")}
	var err error
	if f.New {
		err = s.d.MiniApps.RegisterApp(ctx, &f.App, f.Brand)
	} else {
		err = s.updateMiniAppForm(c, &f.App, f.Brand)
	}
	if err != nil {
		f.Errors, f.App.AppSecret = formErrors(err), ""
		s.renderMiniAppForm(c, StatusOf(app.ErrorCode(err)), f)
		return
	}
	s.done(c, ConsolePath+"/mini-apps", "已保存小程序 "+f.App.Name)
}

// updateMiniAppForm changes a, keeping its stored secret when none was typed.
func (s *server) updateMiniAppForm(c *gin.Context, a *app.MiniApp, brand string) error {
	if a.AppSecret == "" {
		old, err := s.d.MiniApps.App(c.Request.Context(), a.CorpID, a.ID)
		if err != nil {
			return err
		}
		a.AppSecret = old.AppSecret
	}
	return s.d.MiniApps.UpdateApp(c.Request.Context(), a, brand)
}
