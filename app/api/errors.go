// Package api is Siyu's HTTP layer: Gin routes, middleware, and the single
// place where domain error codes become HTTP statuses. Handlers stay thin:
// they parse input, call a capability, and render the result or the error.
package api

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// statusOf is the one map from error code to HTTP status.
var statusOf = map[string]int{
	app.EINVALID:      http.StatusBadRequest,
	app.EUNAUTHORIZED: http.StatusUnauthorized,
	app.EFORBIDDEN:    http.StatusForbidden,
	app.ENOTFOUND:     http.StatusNotFound,
	app.ECONFLICT:     http.StatusConflict,
	app.ERATELIMITED:  http.StatusTooManyRequests,
	app.EUNAVAILABLE:  http.StatusServiceUnavailable,
	app.EINTERNAL:     http.StatusInternalServerError,
	app.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	app.EMETHOD:       http.StatusMethodNotAllowed,
	app.EOUTOFSTOCK:   http.StatusConflict,
}

// StatusOf returns the HTTP status for an error code (500 if unknown).
func StatusOf(code string) int {
	if s, ok := statusOf[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON shape of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong in words safe for the caller, with the
// request id support staff need to find the log lines.
type ErrorDetail struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"request_id"`
	// Fields lists each refused input field with its reason (400 only).
	Fields []app.FieldError `json:"fields,omitempty"`
}

// Error writes err as JSON with its status and aborts the chain. Internal
// errors are logged with their cause; the client sees only "internal error".
func Error(c *gin.Context, log *slog.Logger, err error) {
	code := app.ErrorCode(err)
	rid := app.RequestID(c.Request.Context())
	switch code {
	case app.EINTERNAL:
		log.ErrorContext(c.Request.Context(), "internal error", "err", err, "request_id", rid,
			"method", c.Request.Method, "path", c.Request.URL.Path)
	case app.EUNAVAILABLE:
		log.WarnContext(c.Request.Context(), "unavailable", "err", err, "request_id", rid, "path", c.Request.URL.Path)
	}
	c.AbortWithStatusJSON(StatusOf(code), ErrorBody{Error: ErrorDetail{
		Code: code, Message: app.ErrorMessage(err), RequestID: rid, Fields: app.ErrorFields(err),
	}})
}
