package app

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// FieldError names one input field and why it was refused, so a form or an
// import report can point at the exact cell rather than repeat one message.
type FieldError struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// Fields collects field errors while input is checked; its Err is nil when
// nothing was refused.
type Fields []FieldError

// Add records that field was refused for reason.
func (f *Fields) Add(field, reason string) { *f = append(*f, FieldError{Field: field, Reason: reason}) }

// Check records reason for field when bad is true.
func (f *Fields) Check(bad bool, field, reason string) {
	if bad {
		f.Add(field, reason)
	}
}

// Err returns an EINVALID error listing every refused field, or nil. The
// message joins the reasons so a caller that only shows messages still
// says what is wrong.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	reasons := make([]string, len(f))
	for i, e := range f {
		reasons[i] = e.Reason
	}
	return &Error{Code: EINVALID, Message: strings.Join(reasons, "；"), Fields: f}
}

// FieldInvalid returns an EINVALID error on one field.
func FieldInvalid(field, reason string) error {
	return Fields{{Field: field, Reason: reason}}.Err()
}

// ErrorFields returns the refused fields of the first domain error in err's
// chain, or nil.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Truncate cuts s to at most n runes, so a message kept in a bounded
// column (a WeCom error, a reason) never fails the write that keeps it.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
