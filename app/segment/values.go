package segment

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// values parses a condition's value for its field's type and comparison;
// reason says what is wrong, "" when nothing is.
func (c *checker) values(f app.SegmentField, cmp string, v any) ([]any, string) {
	switch f.Type {
	case app.SegFlag:
		return nil, ""
	case app.SegTime:
		return c.timeValues(cmp, v)
	case app.SegRecent:
		return daysValue(v)
	case app.SegTags:
		return each(v, func(x any) (any, bool) { return text(x) }, "应为标签列表")
	}
	one := func(x any) (any, bool) {
		if f.Type == app.SegNumber {
			return integer(x)
		}
		s, ok := text(x)
		_, known := f.Values[s]
		return s, ok && (f.Type != app.SegEnum || known)
	}
	switch cmp {
	case "in", "not_in":
		return each(v, one, "应为取值列表")
	case "between":
		return between(v, one)
	}
	x, ok := one(v)
	if !ok {
		return nil, "取值不正确"
	}
	return []any{x}, ""
}

// each reads a list whose every item one accepts.
func each(v any, one func(any) (any, bool), reason string) ([]any, string) {
	xs, ok := list(v)
	if !ok {
		return nil, reason + "（1 到 500 项）"
	}
	out := make([]any, len(xs))
	for i, x := range xs {
		if out[i], ok = one(x); !ok {
			return nil, reason + "，其中有不正确的取值"
		}
	}
	return out, ""
}

// between reads [low, high] with low ≤ high.
func between(v any, one func(any) (any, bool)) ([]any, string) {
	xs, ok := v.([]any)
	if !ok || len(xs) != 2 {
		return nil, "应为 [下限, 上限]"
	}
	lo, ok1 := one(xs[0])
	hi, ok2 := one(xs[1])
	if !ok1 || !ok2 || lo.(int64) > hi.(int64) {
		return nil, "应为 [下限, 上限]，且下限不大于上限"
	}
	return []any{lo, hi}, ""
}

// daysValue reads N days, 1 to maxDays.
func daysValue(v any) ([]any, string) {
	n, ok := integer(v)
	if !ok || n < 1 || n > maxDays {
		return nil, "天数应为 1 到 3650 的整数"
	}
	return []any{n}, ""
}

// timeValues reads N days, or two dates (the second included) in the
// corp's zone, as the instants they begin and end.
func (c *checker) timeValues(cmp string, v any) ([]any, string) {
	if cmp != "between" {
		return daysValue(v)
	}
	xs, ok := v.([]any)
	if !ok || len(xs) != 2 {
		return nil, "应为 [开始日期, 结束日期]"
	}
	var ts [2]time.Time
	for i, x := range xs {
		s, _ := x.(string)
		t, err := time.ParseInLocation("2006-01-02", s, c.zone)
		if err != nil {
			return nil, "日期应为 YYYY-MM-DD"
		}
		ts[i] = t.UTC()
	}
	if ts[1].Before(ts[0]) {
		return nil, "开始日期不能晚于结束日期"
	}
	return []any{ts[0], ts[1].Add(24 * time.Hour)}, ""
}
