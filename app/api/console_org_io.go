package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"html/template"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// exportStores downloads every store (a store manager's own) as CSV or
// Excel, in the columns the import reads back.
func (s *server) exportStores(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	own, err := s.scopeStore(c)
	names, err2 := s.orgNames(ctx, corpID)
	if err = firstOf(err, err2); err != nil {
		s.consoleError(c, err)
		return
	}
	s.export(c, "stores", table{name: "门店", header: []string{"门店编码", "门店名称", "类型", "品牌", "区域", "城市", "地址", "纬度", "经度", "营业时间", "状态"},
		each: func(emit func([]string) error) error {
			return s.eachStore(ctx, corpID, own, func(st app.Store) error {
				return emit([]string{st.Code, st.Name, kindNames[st.Kind], names.brand(st.BrandID), names.region(st.RegionID), st.City,
					st.Address, degrees(st.Latitude), degrees(st.Longitude), st.OpeningHours, statusNames[st.Status]})
			})
		}})
}

// exportGuides downloads the guides the list's filter selects.
func (s *server) exportGuides(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	own, err := s.scopeStore(c)
	stores, err2 := s.allStores(ctx, corpID)
	if err = firstOf(err, err2); err != nil {
		s.consoleError(c, err)
		return
	}
	f := app.GuideFilter{Status: c.Query("status")}
	f.StoreID, _ = strconv.ParseInt(c.Query("store"), 10, 64)
	if own != nil {
		f.StoreID = own.ID
	}
	s.export(c, "guides", table{name: "导购", header: []string{"userid", "姓名", "门店编码", "门店", "角色", "状态"},
		each: func(emit func([]string) error) error {
			return eachPage(func(p app.Page) (int64, error) {
				f.Page = p
				gs, next, err := s.d.Org.ListGuides(ctx, corpID, f)
				for _, g := range gs {
					if err == nil {
						err = emit([]string{g.UserID, g.Name, g.StoreCode, storeName(stores, g.StoreID), statusNames[g.Role], statusNames[g.Status]})
					}
				}
				return next, err
			})
		}})
}

func (s *server) eachStore(ctx context.Context, corpID int64, own *app.Store, fn func(app.Store) error) error {
	if own != nil {
		return fn(*own)
	}
	return eachPage(func(p app.Page) (int64, error) {
		list, next, err := s.d.Org.ListStores(ctx, corpID, p)
		for _, st := range list {
			if err == nil {
				err = fn(st)
			}
		}
		return next, err
	})
}

func firstOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// The organisation's enumerated values as people read them.
var (
	kindNames   = map[string]string{app.StoreKindStore: "门店", app.StoreKindOnline: "线上团队"}
	statusNames = map[string]string{app.StoreOpen: "营业", app.StoreClosed: "已关闭", app.GuideActive: "在职", app.GuideLeft: "离职",
		app.GuideRoleGuide: "导购", app.GuideRoleManager: "店长"}
)

// importView is the import page: the form, and after an import its
// report with the rejected rows as a CSV to download.
type importView struct {
	Kind   string
	File   string
	Report *app.ImportReport
	CSVURL template.URL // data: URL of the report's CSV, made here from the report
	Error  string
}

// importLink is where the import page sends people after an import.
type importLink struct{ Path, Label string }

// ReportFile names the downloaded report after what was imported.
func (v importView) ReportFile() string {
	switch v.Kind {
	case "members":
		return "会员导入报告.csv"
	case "orders":
		return "订单导入报告.csv"
	}
	return "导入报告.csv"
}

// Back is the list the imported rows went to, when it has its own page.
func (v importView) Back() *importLink {
	switch v.Kind {
	case "members":
		return &importLink{"/console/members", "查看会员列表"}
	case "orders":
		return &importLink{"/console/orders", "查看订单"}
	}
	return nil
}

func (s *server) importPage(c *gin.Context) {
	s.render(c, http.StatusOK, "console_import.html", s.view(c, "导入门店与导购", "org", importView{Kind: c.DefaultQuery("kind", "stores")}))
}

// importOrg imports the uploaded CSV or Excel file of stores or guides.
func (s *server) importOrg(c *gin.Context) {
	v := importView{Kind: c.PostForm("kind")}
	status := s.importForm(c, &v, func(ctx context.Context, corpID int64, name string, r io.Reader) (*app.ImportReport, error) {
		switch v.Kind {
		case "stores":
			return s.d.Importer.ImportStores(ctx, corpID, name, r)
		case "guides":
			return s.d.Importer.ImportGuides(ctx, corpID, name, r)
		}
		return nil, app.FieldInvalid("kind", "请选择导入门店还是导购")
	})
	s.render(c, status, "console_import.html", s.view(c, "导入门店与导购", "org", v))
}

// importForm imports the form's file with run: the good rows are kept,
// each rejected row is listed with its reason on the page, and the report
// downloads as CSV from the page itself (nothing is kept on the server
// between requests, whichever instance serves the next one). It returns
// the page's status.
func (s *server) importForm(c *gin.Context, v *importView, run importFunc) int {
	fh, err := c.FormFile("file")
	switch {
	case err != nil:
		err = app.FieldInvalid("file", "请选择要导入的 CSV 或 Excel（.xlsx）文件")
	case fh.Size > maxImportBytes:
		err = app.Errorf(app.ETOOLARGE, "文件超过 %d MB", maxImportBytes>>20)
	default:
		v.File = fh.Filename
		v.Report, err = runUpload(c, fh, run)
	}
	if err != nil {
		v.Error = app.ErrorMessage(err)
		return StatusOf(app.ErrorCode(err))
	}
	var b bytes.Buffer
	_ = v.Report.WriteCSV(&b)
	v.CSVURL = template.URL("data:text/csv;charset=utf-8;base64," + base64.StdEncoding.EncodeToString(b.Bytes()))
	return http.StatusOK
}

// runUpload hands the uploaded file to run, for the caller's corp.
func runUpload(c *gin.Context, fh *multipart.FileHeader, run importFunc) (*app.ImportReport, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, "无法读取上传的文件")
	}
	defer f.Close()
	return run(c.Request.Context(), caller(c).CorpID, fh.Filename, f)
}
