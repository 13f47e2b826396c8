package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

// Every reader of a corp's zone gets the same answer, and a zone that
// cannot be read here is China's time rather than UTC or an error.
func TestZoneNamed(t *testing.T) {
	at := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	offset := func(l *time.Location) int { _, o := at.In(l).Zone(); return o }
	assert.Equal(t, 2*3600, offset(app.ZoneNamed("Europe/Berlin")), "a named zone, with its summer time")
	assert.Equal(t, 8*3600, offset(app.ZoneNamed("")), "no zone is Asia/Shanghai, not UTC")
	assert.Equal(t, 8*3600, offset(app.ZoneNamed("Mars/Olympus")), "an unknown zone is Asia/Shanghai")
}
