package db

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// The statement log holds what an operator must see — real errors and
// slow statements — and nothing for an expected duplicate or a fast
// success, whose SQL is then not even rendered.
func TestStatementLog(t *testing.T) {
	var buf bytes.Buffer
	slow := time.Hour // no pause of a loaded machine makes a "fast" statement slow
	l := expectedErrors{Interface: logger.NewSlogLogger(slog.New(slog.NewTextHandler(&buf, nil)),
		logger.Config{SlowThreshold: slow, LogLevel: logger.Warn, IgnoreRecordNotFoundError: true}),
		level: logger.Warn, slow: slow}
	rendered := 0
	trace := func(l logger.Interface, begin time.Time, err error) string {
		buf.Reset()
		l.Trace(context.Background(), begin, func() (string, int64) { rendered++; return "UPDATE t SET x = 1", 1 }, err)
		return buf.String()
	}
	now := time.Now()
	assert.Empty(t, trace(l, now, nil), "a fast success")
	assert.Empty(t, trace(l, now, gorm.ErrDuplicatedKey), "an expected duplicate")
	assert.Empty(t, trace(l, now, gorm.ErrRecordNotFound), "a row not found")
	assert.Zero(t, rendered, "no SQL rendered for statements not logged")
	assert.Contains(t, trace(l, now, errors.New("table gone")), "table gone", "a real error")
	assert.Contains(t, trace(l, now.Add(-2*slow), nil), "UPDATE t SET x = 1", "a slow statement")
	assert.Contains(t, trace(l.LogMode(logger.Info), now, nil), "UPDATE t SET x = 1", "everything at Info")
}
