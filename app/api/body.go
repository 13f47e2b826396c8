package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// maxJSONBody caps a JSON request; organisation objects are small.
const maxJSONBody = 1 << 20

// bindJSON decodes the request body onto v strictly: an unknown field is
// refused by name (a typo must not be silently ignored), a wrong type names
// its field, and a body over maxJSONBody is 413.
func bindJSON(c *gin.Context, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var te *json.UnmarshalTypeError
	var tooLarge *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te):
		return app.FieldInvalid(te.Field, "字段 "+te.Field+" 的类型应为 "+jsonType(te.Type.Kind().String()))
	case errors.As(err, &tooLarge):
		return app.Errorf(app.ETOOLARGE, "请求体超过 1 MiB")
	case errors.Is(err, io.EOF):
		return app.Errorf(app.EINVALID, "请求体为空，应为 JSON 对象")
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		f = strings.Trim(f, `"`)
		return app.FieldInvalid(f, "未知字段 "+f)
	}
	return app.Wrap(app.EINVALID, err, "请求体不是有效的 JSON")
}

// jsonType names a Go kind the way the API documents it.
func jsonType(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"), strings.HasPrefix(kind, "float"):
		return "数字"
	case kind == "bool":
		return "布尔值"
	case kind == "string":
		return "字符串"
	}
	return kind
}

// idParam reads the :id of the route, a positive integer.
func idParam(c *gin.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, app.Errorf(app.EINVALID, "路径参数 id 应为正整数")
	}
	return id, nil
}
