package app

import (
	"errors"
	"fmt"
)

// Error codes. Each one decides an HTTP status (in app/api) and a retry
// policy (in tasks); nothing else should switch on error text.
const (
	EINVALID      = "invalid"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	ERATELIMITED  = "rate_limited"
	EUNAVAILABLE  = "unavailable"
	EINTERNAL     = "internal"
	ETOOLARGE     = "too_large"          // a request body over its cap
	EMETHOD       = "method_not_allowed" // the path exists, not with this method
)

// Error is a domain error: a code for machines and a message that is safe
// to show a user. Err keeps the underlying cause for logs only.
type Error struct {
	Code    string
	Message string
	Err     error
	Fields  []FieldError // the input fields refused, for EINVALID
}

// Error renders the code, message and cause for logs.
func (e *Error) Error() string {
	switch {
	case e.Err != nil && e.Message != "":
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	case e.Err != nil:
		return fmt.Sprintf("%s: %v", e.Code, e.Err)
	default:
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
}

// Unwrap exposes the cause so errors.Is sees through the domain error.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns a domain error whose message is shown to users.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap attaches a code and user-safe message to a cause.
func Wrap(code string, err error, message string) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// ErrorCode returns the code of the first domain error in err's chain, or
// EINTERNAL for any other non-nil error: unknown failures are never
// presented as the caller's fault.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err. Internal errors get a
// generic text so that details never leak to clients.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL && e.Message != "" {
		return e.Message
	}
	return "internal error"
}
