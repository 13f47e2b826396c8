package app_test

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

// An add in a log line says which add it is but not its welcome code.
func TestCustomerAddLogsWithoutWelcomeCode(t *testing.T) {
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Warn("x", "add",
		app.CustomerAdd{CorpID: 7, UserID: "guide01", ExternalUserID: "wm1", WelcomeCode: "SECRETCODE", EventKey: "k1"})
	assert.Contains(t, buf.String(), `"event":"k1"`)
	assert.Contains(t, buf.String(), `"external_userid":"wm1"`)
	assert.NotContains(t, buf.String(), "SECRETCODE")
}
