package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/templates"
)

func newServer(t *testing.T, checks ...api.Check) *gin.Engine {
	t.Helper()
	pages, err := templates.Parse()
	require.NoError(t, err)
	mon := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "asynqmon "+r.URL.Path) })
	return api.New(api.Deps{
		Log: testkit.Logger(t), Metrics: metrics.New(), Pages: pages, Checks: checks,
		Monitoring: mon, MonitoringUser: "admin", MonitoringPassword: "s3cret", Version: "test", Env: "test",
	})
}

func do(h http.Handler, method, path string, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func decodeError(t *testing.T, w *httptest.ResponseRecorder) api.ErrorDetail {
	t.Helper()
	var body api.ErrorBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body), w.Body.String())
	return body.Error
}

func TestErrorMapping(t *testing.T) {
	r := newServer(t)
	r.GET("/fail/:code", func(c *gin.Context) {
		err := error(app.Errorf(c.Param("code"), "消息"))
		if c.Param("code") == "plain" {
			err = errors.New("password=hunter2 leaked")
		}
		api.Error(c, testkit.Logger(t), err)
	})
	tests := []struct {
		code    string
		status  int
		message string
	}{
		{app.EINVALID, 400, "消息"}, {app.EUNAUTHORIZED, 401, "消息"}, {app.EFORBIDDEN, 403, "消息"},
		{app.ENOTFOUND, 404, "消息"}, {app.ECONFLICT, 409, "消息"}, {app.ERATELIMITED, 429, "消息"},
		{app.EUNAVAILABLE, 503, "消息"}, {app.EINTERNAL, 500, "internal error"},
		{"plain", 500, "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			w := do(r, "GET", "/fail/"+tt.code)
			assert.Equal(t, tt.status, w.Code)
			e := decodeError(t, w)
			assert.Equal(t, tt.message, e.Message)
			assert.NotContains(t, w.Body.String(), "hunter2", "internal details never leak")
			assert.Equal(t, w.Header().Get(api.RequestIDHeader), e.RequestID)
		})
	}
}

func TestPanicAnswers500(t *testing.T) {
	r := newServer(t)
	r.GET("/boom", func(c *gin.Context) { panic("secret stack detail") })
	w := do(r, "GET", "/boom")
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.Equal(t, app.EINTERNAL, decodeError(t, w).Code)
	assert.NotContains(t, w.Body.String(), "secret")
	assert.Equal(t, http.StatusOK, do(r, "GET", "/healthz").Code, "the server keeps serving")
}

func TestRequestID(t *testing.T) {
	r := newServer(t)
	w := do(r, "GET", "/healthz", api.RequestIDHeader, "from-proxy-1")
	assert.Equal(t, "from-proxy-1", w.Header().Get(api.RequestIDHeader), "a sane incoming id is kept")
	w = do(r, "GET", "/healthz", api.RequestIDHeader, "bad id\r\nX: y")
	id := w.Header().Get(api.RequestIDHeader)
	assert.Len(t, id, 24, "an unsafe id is replaced")
	assert.NotEqual(t, id, do(r, "GET", "/healthz").Header().Get(api.RequestIDHeader))
}

func TestReadyz(t *testing.T) {
	ok := api.Check{Name: "database", Ping: func(context.Context) error { return nil }}
	down := api.Check{Name: "redis", Ping: func(context.Context) error { return errors.New("connection refused") }}

	w := do(newServer(t, ok), "GET", "/readyz")
	assert.Equal(t, http.StatusOK, w.Code)

	w = do(newServer(t, ok, down), "GET", "/readyz")
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	var body struct {
		Status string
		Checks map[string]string
	}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
	assert.Equal(t, "unavailable", body.Status)
	assert.Equal(t, "ok", body.Checks["database"])
	assert.Equal(t, "connection refused", body.Checks["redis"], "the failing part is named")

	// A Redis primary down of three: named, and the instance stays in
	// rotation; a dependency down outright still makes it unavailable.
	part := api.Check{Name: "redis", Ping: func(context.Context) error {
		return app.Degraded{Err: errors.New("redis 127.0.0.1:7001: connection refused")}
	}}
	w = do(newServer(t, ok, part), "GET", "/readyz")
	assert.Equal(t, http.StatusOK, w.Code)
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
	assert.Equal(t, "degraded", body.Status)
	assert.Equal(t, "degraded: redis 127.0.0.1:7001: connection refused", body.Checks["redis"])
	dbDown := api.Check{Name: "database", Ping: func(context.Context) error { return errors.New("no node ready") }}
	w = do(newServer(t, dbDown, part), "GET", "/readyz")
	assert.Equal(t, http.StatusServiceUnavailable, w.Code, "degraded beside a failure is a failure")
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
	assert.Equal(t, "unavailable", body.Status)
}

func TestMetricsByRoutePattern(t *testing.T) {
	r := newServer(t)
	r.GET("/things/:id", func(c *gin.Context) { c.Status(204) })
	do(r, "GET", "/things/1")
	do(r, "GET", "/things/2")
	do(r, "GET", "/no/such/page")
	body := do(r, "GET", "/metrics").Body.String()
	assert.Contains(t, body, `siyu_http_requests_total{method="GET",route="/things/:id",status="204"} 2`)
	assert.Contains(t, body, `route="unmatched",status="404"`)
	assert.Contains(t, body, "siyu_http_request_duration_seconds_bucket")
	assert.NotContains(t, body, `/things/1"`)
}

func TestMonitoringNeedsPassword(t *testing.T) {
	r := newServer(t)
	assert.Equal(t, http.StatusUnauthorized, do(r, "GET", "/monitoring/").Code)
	req := httptest.NewRequest("GET", "/monitoring/queues", nil)
	req.SetBasicAuth("admin", "s3cret")
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "asynqmon /monitoring/queues", w.Body.String())
}

func TestIndexPage(t *testing.T) {
	w := do(newServer(t), "GET", "/")
	assert.Equal(t, http.StatusOK, w.Code)
	assert.True(t, strings.Contains(w.Body.String(), "Siyu 正在运行"))
	assert.Contains(t, w.Body.String(), `lang="zh-CN"`)
}

// A path that exists answers another method with 405 and the methods it
// takes, a path that does not with 404.
func TestWrongMethodAnswers405(t *testing.T) {
	h := newServer(t)
	w := do(h, "POST", "/healthz")
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
	assert.Equal(t, app.EMETHOD, decodeError(t, w).Code)
	assert.Contains(t, w.Header().Get("Allow"), "GET")
	assert.Equal(t, http.StatusNotFound, do(h, "POST", "/no-such-page").Code)
}
