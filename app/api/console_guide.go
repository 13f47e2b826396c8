package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// guideRow is a guide as the list shows them: with their store's name.
type guideRow struct {
	app.Guide
	Store string
}

type guidesView struct {
	Guides  []guideRow
	Stores  []app.Store
	StoreID int64
	Status  string
	Next    string
	First   bool
	Scoped  bool
}

// guidesPage lists guides, filtered by store and status in the URL; a
// store manager sees their own store's.
func (s *server) guidesPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	own, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	store, _ := strconv.ParseInt(c.Query("store"), 10, 64)
	v := guidesView{StoreID: store, Status: c.Query("status"), First: after == 0, Scoped: own != nil}
	if own != nil {
		v.StoreID = own.ID
	}
	list, next, err := s.d.Org.ListGuides(ctx, corpID, app.GuideFilter{Page: app.Page{After: after, Limit: 50}, StoreID: v.StoreID, Status: v.Status})
	if err == nil {
		v.Stores, err = s.allStores(ctx, corpID)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	for _, g := range list {
		v.Guides = append(v.Guides, guideRow{Guide: g, Store: storeName(v.Stores, g.StoreID)})
	}
	if next != 0 {
		q := c.Request.URL.Query()
		q.Set("after", strconv.FormatInt(next, 10))
		v.Next = "/console/guides?" + q.Encode()
	}
	s.render(c, http.StatusOK, "console_guides.html", s.view(c, "门店与导购", "org", v))
}

// allStores reads every store of the corp, for choices and names.
func (s *server) allStores(ctx context.Context, corpID int64) ([]app.Store, error) {
	var out []app.Store
	err := eachPage(func(p app.Page) (int64, error) {
		st, next, err := s.d.Org.ListStores(ctx, corpID, p)
		out = append(out, st...)
		return next, err
	})
	return out, err
}

func storeName(stores []app.Store, id int64) string {
	for _, st := range stores {
		if st.ID == id {
			return st.Name
		}
	}
	return ""
}

type guideForm struct {
	formView
	Guide  app.Guide
	Stores []app.Store
	New    bool
}

func (s *server) guideFormPage(c *gin.Context) {
	f := guideForm{New: c.Param("id") == "", Guide: app.Guide{Role: app.GuideRoleGuide, Status: app.GuideActive}}
	if !f.New {
		g, err := s.d.Org.FindGuide(c.Request.Context(), caller(c).CorpID, pathID(c))
		if err != nil {
			s.consoleError(c, err)
			return
		}
		f.Guide = *g
	}
	s.renderGuideForm(c, http.StatusOK, f)
}

func (s *server) renderGuideForm(c *gin.Context, status int, f guideForm) {
	stores, err := s.allStores(c.Request.Context(), caller(c).CorpID)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	f.Stores = stores
	title := "添加导购"
	if !f.New {
		title = "编辑导购 " + f.Guide.Name
	}
	s.render(c, status, "console_guide_form.html", s.view(c, title, "org", f))
}

// saveGuide binds a member to a store, or changes the binding.
func (s *server) saveGuide(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	f := guideForm{New: c.Param("id") == ""}
	f.Guide = app.Guide{ID: pathID(c), CorpID: corpID, UserID: c.PostForm("userid"), Name: c.PostForm("name"),
		StoreCode: c.PostForm("store_code"), Role: c.PostForm("role"), Status: app.GuideActive}
	var err error
	if f.New {
		err = s.d.Org.CreateGuide(ctx, &f.Guide)
	} else {
		var before *app.Guide
		if before, err = s.d.Org.FindGuide(ctx, corpID, f.Guide.ID); err == nil {
			f.Guide.Status = before.Status
			err = s.d.Org.UpdateGuide(ctx, &f.Guide)
		}
	}
	if err != nil {
		f.Errors = formErrors(err)
		s.renderGuideForm(c, StatusOf(app.ErrorCode(err)), f)
		return
	}
	s.done(c, "/console/guides", "已保存导购 "+f.Guide.Name)
}

// leaveGuide marks a guide as left (离职); their customers wait for a
// transfer.
func (s *server) leaveGuide(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	g, err := s.d.Org.FindGuide(ctx, corpID, pathID(c))
	if err == nil {
		err = s.d.Org.LeaveGuide(ctx, corpID, g.ID)
	}
	if err != nil {
		s.failed(c, "/console/guides", err)
		return
	}
	s.done(c, "/console/guides?"+url.Values{"store": {strconv.FormatInt(g.StoreID, 10)}}.Encode(), "已将导购 "+g.Name+" 标记为离职")
}
