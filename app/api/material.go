package api

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// materialRoutes serves materials (素材) of the corp in scope: every role
// lists them; operators upload them.
func (s *server) materialRoutes(c *gin.RouterGroup) {
	c.GET("/materials", s.listMaterials)
	c.Group("", s.allow(app.RoleOperator)).POST("/materials", s.createMaterial)
}

// materialJSON is a material as the API shows it; its file is never sent
// back, only what describes it.
type materialJSON struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	Name        string     `json:"name"`
	ContentType string     `json:"content_type"`
	Size        int64      `json:"size"`
	SHA256      string     `json:"sha256"`
	UploadedAt  *time.Time `json:"uploaded_at,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

func toMaterial(m app.Material) materialJSON {
	return materialJSON{ID: m.ID, Kind: m.Kind, Name: m.Name, ContentType: m.ContentType, Size: m.Size, SHA256: m.SHA256,
		UploadedAt: m.MediaAt, CreatedAt: m.CreatedAt}
}

func (s *server) listMaterials(c *gin.Context) {
	p, err := pageOf(c)
	var list []app.Material
	var total int64
	if err == nil {
		list, total, err = s.d.Materials.List(c.Request.Context(), c.GetInt64(corpKey), p)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	var next int64
	if len(list) > 0 && len(list) == app.PageLimit(p.Limit, app.MaxPageSize) {
		next = list[len(list)-1].ID
	}
	c.JSON(http.StatusOK, totalBody{Items: mapAll(list, toMaterial), Next: next, Total: total})
}

// createMaterial keeps the multipart file "file" as a material of kind
// (image, video or file) named name (the file's name if empty).
func (s *server) createMaterial(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, app.MaterialMaxBytes+1<<20)
	fh, err := c.FormFile("file")
	var data []byte
	if err == nil {
		data, err = readFormFile(fh)
	}
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		err = app.FieldInvalid("file", "素材不能超过 10 MB")
	case err != nil:
		err = app.FieldInvalid("file", "请以表单字段 file 上传图片、视频或文件")
	}
	var m *app.Material
	if err == nil {
		name := c.PostForm("name")
		if name == "" {
			name = fh.Filename
		}
		m, err = s.d.Materials.Create(c.Request.Context(), c.GetInt64(corpKey), app.MaterialInput{Kind: c.PostForm("kind"), Name: name, Data: data})
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, toMaterial(*m))
}

// readFormFile reads an uploaded file whole.
func readFormFile(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
