package app_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

// The eight classes, as the briefing lists them.
func TestRFMClass(t *testing.T) {
	for _, c := range []struct {
		r, f, m bool
		want    string
	}{
		{true, true, true, "重要价值"}, {false, true, true, "重要唤回"}, {true, false, true, "重要深耕"}, {false, false, true, "重要挽留"},
		{true, true, false, "潜力"}, {true, false, false, "新客户"}, {false, true, false, "一般维持"}, {false, false, false, "流失"},
	} {
		assert.Equal(t, c.want, app.RFMClassNames[app.RFMClass(c.r, c.f, c.m)], "%v %v %v", c.r, c.f, c.m)
	}
}
