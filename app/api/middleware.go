package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"regexp"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/metrics"
)

// RequestIDHeader carries the request id in and out.
const RequestIDHeader = "X-Request-ID"

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID keeps a caller's id when it is sane (so a proxy's id joins the
// logs) and makes one otherwise; it is echoed back and put in the context.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(RequestIDHeader)
		if !validRequestID.MatchString(id) {
			id = newRequestID()
		}
		c.Header(RequestIDHeader, id)
		c.Request = c.Request.WithContext(app.WithRequestID(c.Request.Context(), id))
		c.Next()
	}
}

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// recovery turns a panic into a logged 500: never a 200, never a crash of
// the process, never a stack trace sent to the client.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				log.ErrorContext(c.Request.Context(), "panic serving request", "panic", fmt.Sprint(r),
					"request_id", app.RequestID(c.Request.Context()), "stack", string(debug.Stack()))
				if c.Writer.Written() {
					c.Abort()
					return
				}
				Error(c, log, app.Errorf(app.EINTERNAL, "panic"))
			}
		}()
		c.Next()
	}
}

// accessLog writes one line per request; probes and scrapes go to debug so
// they do not drown the real traffic.
func accessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		level := slog.LevelInfo
		switch p := c.Request.URL.Path; {
		case p == "/healthz" || p == "/readyz" || p == "/metrics":
			level = slog.LevelDebug
		case c.Writer.Status() >= 500:
			level = slog.LevelWarn
		}
		log.Log(c.Request.Context(), level, "http", "method", c.Request.Method, "path", c.Request.URL.Path,
			"status", c.Writer.Status(), "duration_ms", float64(time.Since(start).Microseconds())/1000,
			"bytes", c.Writer.Size(), "client", c.ClientIP(), "request_id", app.RequestID(c.Request.Context()))
	}
}

// observe records request counts and latency by route pattern, never by raw
// path, so ids in URLs cannot explode the number of series.
func observe(m *metrics.Metrics) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		m.HTTPRequests.WithLabelValues(route, c.Request.Method, strconv.Itoa(c.Writer.Status())).Inc()
		m.HTTPDuration.WithLabelValues(route, c.Request.Method).Observe(time.Since(start).Seconds())
	}
}
