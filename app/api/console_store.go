package api

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/org"
)

// storeForm is the store form's data: the store as typed, the choices,
// and the refused fields.
type storeForm struct {
	formView
	Store    app.Store
	Lat, Lng string // degrees as typed
	Names    orgNames
	New      bool
}

func (s *server) storeFormPage(c *gin.Context) {
	f := storeForm{New: c.Param("id") == "", Store: app.Store{Kind: app.StoreKindStore}}
	if !f.New {
		st, err := s.d.Org.FindStore(c.Request.Context(), caller(c).CorpID, pathID(c))
		if err != nil {
			s.consoleError(c, err)
			return
		}
		f.Store, f.Lat, f.Lng = *st, degrees(st.Latitude), degrees(st.Longitude)
	}
	s.renderStoreForm(c, http.StatusOK, f)
}

func (s *server) renderStoreForm(c *gin.Context, status int, f storeForm) {
	names, err := s.orgNames(c.Request.Context(), caller(c).CorpID)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	f.Names = names
	title := "新建门店"
	if !f.New {
		title = "编辑门店 " + f.Store.Name
	}
	s.render(c, status, "console_store_form.html", s.view(c, title, "org", f))
}

// saveStore creates or updates a store from the form. Every refused field
// is shown at once: the coordinates as typed and the store's own rules.
func (s *server) saveStore(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	f := storeForm{New: c.Param("id") == "", Lat: c.PostForm("latitude"), Lng: c.PostForm("longitude")}
	f.Store = app.Store{ID: pathID(c), CorpID: corpID, Code: c.PostForm("code"), Name: c.PostForm("name"), Kind: c.PostForm("kind"),
		BrandID: optionalID(c, "brand_id"), RegionID: optionalID(c, "region_id"), City: c.PostForm("city"),
		Address: c.PostForm("address"), OpeningHours: c.PostForm("opening_hours"), Status: app.StoreOpen}
	var bad app.Fields
	f.Store.Latitude = microDegrees(&bad, "latitude", f.Lat)
	f.Store.Longitude = microDegrees(&bad, "longitude", f.Lng)
	if !f.New {
		before, err := s.d.Org.FindStore(ctx, corpID, f.Store.ID)
		if err != nil {
			s.consoleError(c, err)
			return
		}
		f.Store.Status = before.Status
	}
	err := bad.Err()
	if err != nil {
		err = joinFields(bad, org.ValidateStore(&f.Store))
	} else if f.New {
		err = s.d.Org.CreateStore(ctx, &f.Store)
	} else {
		err = s.d.Org.UpdateStore(ctx, &f.Store)
	}
	if err != nil {
		f.Errors = formErrors(err)
		s.renderStoreForm(c, StatusOf(app.ErrorCode(err)), f)
		return
	}
	s.done(c, "/console/stores", "已保存门店 "+f.Store.Name)
}

func (s *server) closeStore(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	st, err := s.d.Org.FindStore(ctx, corpID, pathID(c))
	if err == nil {
		err = s.d.Org.CloseStore(ctx, corpID, st.ID)
	}
	if err != nil {
		s.failed(c, "/console/stores", err)
		return
	}
	s.done(c, "/console/stores", "已关闭门店 "+st.Name)
}

// failed redirects after a refused post, saying why on the next page.
func (s *server) failed(c *gin.Context, to string, err error) {
	if app.ErrorCode(err) == app.EINTERNAL {
		s.consoleError(c, err)
		return
	}
	s.flash(c, "!"+app.ErrorMessage(err))
	c.Redirect(http.StatusSeeOther, to)
}

// joinFields adds the refused fields of a validation's err to bad, so a
// form shows what it could not read and what the rules refuse together.
func joinFields(bad app.Fields, err error) error {
	return append(bad, app.ErrorFields(err)...).Err()
}

// microDegrees reads degrees typed in a form as micro-degrees.
func microDegrees(bad *app.Fields, field, typed string) *int64 {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return nil
	}
	d, err := strconv.ParseFloat(typed, 64)
	if err != nil || math.IsNaN(d) || math.IsInf(d, 0) {
		bad.Add(field, "请输入十进制度数，如 31.2304")
		return nil
	}
	n := int64(math.Round(d * 1e6))
	return &n
}

// degrees shows micro-degrees as degrees.
func degrees(m *int64) string {
	if m == nil {
		return ""
	}
	return strconv.FormatFloat(float64(*m)/1e6, 'f', -1, 64)
}
