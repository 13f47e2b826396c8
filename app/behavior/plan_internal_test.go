package behavior

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPlan(t *testing.T) {
	const today = "2026-01-05"
	o := Options{}.withDefaults()
	for _, tc := range []struct {
		name, mark string
		want       span
		ok         bool
	}{
		{"FirstPull", "", span{"2025-07-09", "2026-01-04"}, true},
		{"Daily", "2026-01-03", span{"2026-01-02", "2026-01-04"}, true},
		{"DoneToday", "2026-01-04", span{}, false},
		{"Behind", "2025-10-01", span{"2025-10-02", "2026-01-04"}, true},
		{"BehindWeComWindow", "2025-01-01", span{"2025-07-09", "2026-01-04"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := plan(tc.mark, today, o)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

// The spans of a run cover it day by day, in order, each at most 30 days.
func TestSpans(t *testing.T) {
	for _, n := range []int{1, 29, 30, 31, 60, 61, 180} {
		s := span{"2025-07-09", addDays("2025-07-09", n-1)}
		var days []string
		for _, sp := range spans(s) {
			var in int
			for d := sp.from; d <= sp.to; d = addDays(d, 1) {
				days, in = append(days, d), in+1
			}
			assert.LessOrEqual(t, in, 30, "%d days: %v", n, sp)
		}
		var want []string
		for i := range n {
			want = append(want, addDays(s.from, i))
		}
		assert.Equal(t, want, days, "%d days", n)
		assert.Len(t, spans(s), (n+29)/30)
	}
}
