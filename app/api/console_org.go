package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// orgPageRoutes serves 门店与导购: stores, guides, brands and regions,
// imports and exports. Everyone reads (a store manager their own store);
// operators and admins change.
func (s *server) orgPageRoutes(g *gin.RouterGroup) {
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	g.GET("/stores", s.storesPage)
	g.GET("/stores/export", s.exportStores)
	w.GET("/stores/new", s.storeFormPage)
	w.POST("/stores/new", s.saveStore)
	w.GET("/stores/:id/edit", s.storeFormPage)
	w.POST("/stores/:id/edit", s.saveStore)
	w.POST("/stores/:id/close", s.closeStore)
	g.GET("/guides", s.guidesPage)
	g.GET("/guides/export", s.exportGuides)
	w.GET("/guides/new", s.guideFormPage)
	w.POST("/guides/new", s.saveGuide)
	w.GET("/guides/:id/edit", s.guideFormPage)
	w.POST("/guides/:id/edit", s.saveGuide)
	w.POST("/guides/:id/leave", s.leaveGuide)
	g.GET("/brands", s.brandsPage)
	w.POST("/brands", s.saveBrand)
	w.POST("/regions", s.saveRegion)
	if s.d.Importer != nil {
		w.GET("/org/import", s.importPage)
		w.POST("/org/import", s.importOrg)
	}
}

// consoleAllow lets through callers whose role is at least min.
func (s *server) consoleAllow(min string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if r := caller(c).Role; !app.RoleAtLeast(r, min) || app.ReadOnly(r) {
			s.consoleError(c, app.Errorf(app.EFORBIDDEN, "当前角色（%s）无权执行此操作", app.RoleNames[r]))
		}
	}
}

// storeRow is a store as the list shows it: with its brand and region
// by name.
type storeRow struct {
	app.Store
	Brand, Region string
}

type storesView struct {
	Stores []storeRow
	Next   string // the next page's link, "" on the last
	First  bool
	Scoped bool // a store manager's own store only
}

func (s *server) storesPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	own, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	v := storesView{First: after == 0, Scoped: own != nil}
	var list []app.Store
	var next int64
	if own != nil {
		list = []app.Store{*own}
	} else if list, next, err = s.d.Org.ListStores(ctx, corpID, app.Page{After: after, Limit: 50}); err != nil {
		s.consoleError(c, err)
		return
	}
	names, err := s.orgNames(ctx, corpID)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	for _, st := range list {
		v.Stores = append(v.Stores, storeRow{Store: st, Brand: names.brand(st.BrandID), Region: names.region(st.RegionID)})
	}
	if next != 0 {
		v.Next = "/console/stores?after=" + strconv.FormatInt(next, 10)
	}
	s.render(c, http.StatusOK, "console_stores.html", s.view(c, "门店与导购", "org", v))
}

// orgNames are the corp's brands and regions by id.
type orgNames struct {
	Brands  []app.Brand
	Regions []app.Region
}

func (n orgNames) brand(id *int64) string {
	for _, b := range n.Brands {
		if id != nil && b.ID == *id {
			return b.Name
		}
	}
	return ""
}

func (n orgNames) region(id *int64) string {
	for _, r := range n.Regions {
		if id != nil && r.ID == *id {
			return r.Name
		}
	}
	return ""
}

// orgNames reads every brand and region: a corp has a handful.
func (s *server) orgNames(ctx context.Context, corpID int64) (orgNames, error) {
	var n orgNames
	err := eachPage(func(p app.Page) (int64, error) {
		bs, next, err := s.d.Org.ListBrands(ctx, corpID, p)
		n.Brands = append(n.Brands, bs...)
		return next, err
	})
	if err == nil {
		err = eachPage(func(p app.Page) (int64, error) {
			rs, next, err := s.d.Org.ListRegions(ctx, corpID, p)
			n.Regions = append(n.Regions, rs...)
			return next, err
		})
	}
	return n, err
}

// eachPage calls read for every page of a cursor-paged list.
func eachPage(read func(p app.Page) (int64, error)) error {
	p := app.Page{Limit: app.MaxPageSize}
	for {
		next, err := read(p)
		if err != nil || next == 0 {
			return err
		}
		p.After = next
	}
}

// pathID reads the :id of a console route; a malformed one finds nothing.
func pathID(c *gin.Context) int64 {
	id, _ := strconv.ParseInt(c.Param("id"), 10, 64)
	return id
}

// optionalID reads a form's id choice: "" is none.
func optionalID(c *gin.Context, field string) *int64 {
	id, err := strconv.ParseInt(strings.TrimSpace(c.PostForm(field)), 10, 64)
	if err != nil || id == 0 {
		return nil
	}
	return &id
}

// storeGuides is every guide of a store (of one status when given), read
// page by page: a large store's guides never stop at the first page.
func (s *server) storeGuides(ctx context.Context, corpID, storeID int64, status string) ([]app.Guide, error) {
	var out []app.Guide
	err := eachPage(func(p app.Page) (int64, error) {
		gs, next, err := s.d.Org.ListGuides(ctx, corpID, app.GuideFilter{Page: p, StoreID: storeID, Status: status})
		out = append(out, gs...)
		return next, err
	})
	return out, err
}
