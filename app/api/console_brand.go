package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

type brandsView struct {
	orgNames
	BrandErrors, RegionErrors map[string]string
	Brand, Region             string // typed into a refused form
}

// brandsPage lists brands and regions, with a form to add each.
func (s *server) brandsPage(c *gin.Context) {
	s.renderBrands(c, http.StatusOK, brandsView{})
}

func (s *server) renderBrands(c *gin.Context, status int, v brandsView) {
	names, err := s.orgNames(c.Request.Context(), caller(c).CorpID)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v.orgNames = names
	s.render(c, status, "console_brands.html", s.view(c, "品牌与区域", "org", v))
}

func (s *server) saveBrand(c *gin.Context) {
	b := &app.Brand{CorpID: caller(c).CorpID, Name: c.PostForm("name"), SharesCustomers: c.PostForm("shares_customers") != ""}
	if err := s.d.Org.CreateBrand(c.Request.Context(), b); err != nil {
		s.renderBrands(c, StatusOf(app.ErrorCode(err)), brandsView{BrandErrors: formErrors(err), Brand: b.Name})
		return
	}
	s.done(c, "/console/brands", "已添加品牌 "+b.Name)
}

func (s *server) saveRegion(c *gin.Context) {
	r := &app.Region{CorpID: caller(c).CorpID, Name: c.PostForm("name")}
	if err := s.d.Org.CreateRegion(c.Request.Context(), r); err != nil {
		s.renderBrands(c, StatusOf(app.ErrorCode(err)), brandsView{RegionErrors: formErrors(err), Region: r.Name})
		return
	}
	s.done(c, "/console/brands", "已添加区域 "+r.Name)
}
