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
func bindJSON(c *gin.Context, v any) error { return bindJSONMax(c, v, maxJSONBody) }

// bindJSONMax is bindJSON for a body of up to limit bytes (a whole MiB).
func bindJSONMax(c *gin.Context, v any, limit int64) error {
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, limit))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		return trailing(dec)
	}
	var te *json.UnmarshalTypeError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &te) && te.Field == "":
		return app.Errorf(app.EINVALID, "请求体应为 JSON 对象，而不是%s", jsonValue(te.Value))
	case errors.As(err, &te):
		return app.FieldInvalid(te.Field, "字段 "+te.Field+" 的类型应为 "+jsonType(te.Type.Kind().String()))
	case errors.As(err, &tooLarge):
		return app.Errorf(app.ETOOLARGE, "请求体超过 %d MiB", limit>>20)
	case errors.Is(err, io.EOF):
		return app.Errorf(app.EINVALID, "请求体为空，应为 JSON 对象")
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		f = strings.Trim(f, `"`)
		return app.FieldInvalid(f, "未知字段 "+f)
	}
	return app.Wrap(app.EINVALID, err, "请求体不是有效的 JSON")
}

// trailing refuses anything after the one JSON value a body holds: a
// second object pasted by mistake would otherwise be dropped unseen.
func trailing(dec *json.Decoder) error {
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return app.Errorf(app.EINVALID, "请求体只能包含一个 JSON 对象")
	}
	return nil
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
	case kind == "slice", kind == "array":
		return "数组"
	case kind == "struct", kind == "map":
		return "对象"
	}
	return kind
}

// jsonValue names in Chinese the kind of JSON value encoding/json reports
// ("array", "number"…) where an object was due.
func jsonValue(v string) string {
	if w, ok := map[string]string{"array": "数组", "string": "字符串", "bool": "布尔值"}[v]; ok {
		return w
	}
	if strings.HasPrefix(v, "number") {
		return "数字"
	}
	return v
}

// idParam reads the :id of the route, a positive integer.
func idParam(c *gin.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, app.Errorf(app.EINVALID, "路径参数 id 应为正整数")
	}
	return id, nil
}
