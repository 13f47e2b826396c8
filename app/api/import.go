package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// Importer imports organisation files for a corp.
type Importer interface {
	ImportStores(ctx context.Context, corpID int64, name string, r io.Reader) (*app.ImportReport, error)
	ImportGuides(ctx context.Context, corpID int64, name string, r io.Reader) (*app.ImportReport, error)
}

// maxImportBytes caps an uploaded file; 20,000 rows fit well within it.
const maxImportBytes = 10 << 20

type importFunc func(ctx context.Context, corpID int64, name string, r io.Reader) (*app.ImportReport, error)

// importFile imports the uploaded file and answers the report: JSON, or
// with ?format=csv (or Accept: text/csv) the rejected rows as a CSV
// download. A file with rejected rows is still 200: the import ran and
// kept the good rows; a file that cannot be read at all is 400.
func (s *server) importFile(c *gin.Context, run importFunc) {
	if f := c.Query("format"); f != "" && f != "csv" && f != "json" {
		Error(c, s.d.Log, app.FieldInvalid("format", "format 应为 csv 或 json")) // before anything is imported
		return
	}
	name, data, err := upload(c)
	var rep *app.ImportReport
	if err == nil {
		rep, err = run(c.Request.Context(), c.GetInt64(corpKey), name, bytes.NewReader(data))
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	if c.Query("format") == "csv" || strings.Contains(c.GetHeader("Accept"), "text/csv") {
		// Rendered first: once the status is sent, an error could only
		// cut the download short without saying why.
		var csv bytes.Buffer
		if err := rep.WriteCSV(&csv); err != nil {
			Error(c, s.d.Log, app.Wrap(app.EINTERNAL, err, ""))
			return
		}
		c.Header("Content-Disposition", `attachment; filename="`+rep.Kind+`-import-report.csv"`)
		c.Data(http.StatusOK, "text/csv; charset=utf-8", csv.Bytes())
		return
	}
	c.JSON(http.StatusOK, rep)
}

// upload reads the file of a multipart form (field "file") or, failing
// that, the raw body, named by ?filename= or its content type.
func upload(c *gin.Context) (string, []byte, error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxImportBytes)
	name, r := c.Query("filename"), io.Reader(c.Request.Body)
	if strings.HasPrefix(c.ContentType(), "multipart/form-data") {
		fh, err := c.FormFile("file")
		if err != nil {
			return "", nil, uploadError(err, "请以表单字段 file 上传 CSV 或 xlsx 文件")
		}
		f, err := fh.Open()
		if err != nil {
			return "", nil, uploadError(err, "无法读取上传的文件")
		}
		defer f.Close()
		name, r = fh.Filename, f
	} else if notAFile(c.ContentType()) {
		return "", nil, app.Errorf(app.EINVALID, "请求类型 %s 不是文件：请以表单字段 file 上传，或以 text/csv 提交 CSV 文件", c.ContentType())
	} else if name == "" {
		name = nameFor(c.ContentType())
	}
	data, err := io.ReadAll(r)
	return name, data, uploadError(err, "无法读取上传的文件")
}

// nameFor gives a raw body a file name its content type implies.
func nameFor(contentType string) string {
	switch {
	case contentType == "text/csv":
		return "upload.csv"
	case strings.Contains(contentType, "spreadsheetml"):
		return "upload.xlsx"
	}
	return "upload" // the content decides: xlsx is a zip, anything else CSV
}

// notAFile reports whether a raw body's content type says it is data a
// form or script sent rather than a file (JSON, a URL-encoded form), which
// would otherwise be read as a CSV and refused for its missing header.
func notAFile(contentType string) bool {
	return strings.HasSuffix(contentType, "json") || contentType == "application/x-www-form-urlencoded"
}

func uploadError(err error, msg string) error {
	var tooLarge *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tooLarge):
		return app.Errorf(app.ETOOLARGE, "文件超过 10 MiB，请分批导入")
	}
	return app.Wrap(app.EINVALID, err, msg)
}
