package uplift_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/uplift"
)

// The method each dashboard shows names the numbers the service measures
// by, the defaults where none are set.
func TestMethodNamesItsNumbers(t *testing.T) {
	guide := uplift.Method(app.UpliftGuide, uplift.Options{})
	assert.Contains(t, guide, "最近 12 个完整自然月")
	assert.Contains(t, guide, "至少 90 天")
	assert.Contains(t, guide, "95% 置信区间")
	assert.NotContains(t, guide, "%!", "every verb filled")
	send := uplift.Method(app.UpliftMassSend, uplift.Options{WindowDays: 7})
	assert.Contains(t, send, "群发按客户编号散列随机留出对照组")
	assert.Contains(t, send, "计划发送后 7 天内")
	assert.Contains(t, uplift.Method(app.UpliftJourney, uplift.Options{}), "首次触发后 14 天内")
	assert.Empty(t, uplift.Method("nope", uplift.Options{}))
}
