package app_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

func TestErrorCodeAndMessage(t *testing.T) {
	cause := errors.New("dial tcp 10.0.0.1:3306: secret detail")
	tests := []struct {
		name    string
		err     error
		code    string
		message string
	}{
		{"nil", nil, "", ""},
		{"plain error is internal", cause, app.EINTERNAL, "internal error"},
		{"domain error", app.Errorf(app.ENOTFOUND, "客户不存在"), app.ENOTFOUND, "客户不存在"},
		{"wrapped domain error", fmt.Errorf("load: %w", app.Errorf(app.EINVALID, "bad")), app.EINVALID, "bad"},
		{"internal hides message", app.Wrap(app.EINTERNAL, cause, "db down"), app.EINTERNAL, "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.code, app.ErrorCode(tt.err))
			assert.Equal(t, tt.message, app.ErrorMessage(tt.err))
		})
	}
}

func TestWrapKeepsCause(t *testing.T) {
	cause := errors.New("boom")
	err := fmt.Errorf("outer: %w", app.Wrap(app.EUNAVAILABLE, cause, "稍后再试"))
	assert.ErrorIs(t, err, cause)
	assert.Contains(t, err.Error(), "boom")
}
