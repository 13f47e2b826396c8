package segment

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// Limits on one rule, so that a rule cannot become a query that runs for
// minutes.
const (
	maxDepth      = 4
	maxConditions = 40
	maxListValues = 500
	maxDays       = 3650
)

// checker validates a rule tree, collecting every refusal with its path.
type checker struct {
	f     app.Fields
	zone  *time.Location
	count int
}

// Check validates rule, naming each refused condition by its path
// ("rules[1].rules[0].value") and why, all at once. Dates are read in
// zone, the corp's.
func Check(rule app.SegmentRule, zone *time.Location) (app.SegmentCond, error) {
	c := &checker{zone: zone}
	cond := c.node(rule, "", 0)
	c.f.Check(c.count > maxConditions, "rules", fmt.Sprintf("条件不能超过 %d 个", maxConditions))
	return cond, c.f.Err()
}

// node checks one group or condition at path.
func (c *checker) node(r app.SegmentRule, path string, depth int) app.SegmentCond {
	if r.Op == "" {
		return c.cond(r, path)
	}
	if r.Op != "and" && r.Op != "or" {
		c.f.Add(join(path, "op"), "组合方式应为 and（且）或 or（或）")
		return app.SegmentCond{}
	}
	if depth >= maxDepth {
		c.f.Add(join(path, "rules"), fmt.Sprintf("条件组最多嵌套 %d 层", maxDepth))
		return app.SegmentCond{}
	}
	if len(r.Rules) == 0 {
		c.f.Add(join(path, "rules"), "条件组里至少要有一个条件")
	}
	out := app.SegmentCond{Op: r.Op}
	for i, kid := range r.Rules {
		out.Kids = append(out.Kids, c.node(kid, join(path, fmt.Sprintf("rules[%d]", i)), depth+1))
	}
	return out
}

// cond checks one condition: a known field, a comparison its type
// allows, and values of the right kind.
func (c *checker) cond(r app.SegmentRule, path string) app.SegmentCond {
	c.count++
	field, ok := app.SegmentFields[r.Field]
	if !ok {
		c.f.Add(join(path, "field"), fmt.Sprintf("没有“%s”这个字段", r.Field))
		return app.SegmentCond{}
	}
	if _, ok := app.SegmentCmps[field.Type][r.Cmp]; !ok {
		c.f.Add(join(path, "cmp"), fmt.Sprintf("“%s”不能用“%s”比较", field.Label, r.Cmp))
		return app.SegmentCond{}
	}
	args, reason := c.values(field, r.Cmp, r.Value)
	if reason != "" {
		c.f.Add(join(path, "value"), field.Label+"："+reason)
	}
	return app.SegmentCond{Field: r.Field, Cmp: r.Cmp, Args: args}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// text reads a non-empty text of at most 128 characters.
func text(v any) (string, bool) {
	s, ok := v.(string)
	s = strings.TrimSpace(s)
	return s, ok && s != "" && utf8.RuneCountInString(s) <= 128
}

// integer reads a whole number (JSON numbers arrive as float64).
func integer(v any) (int64, bool) {
	switch n := v.(type) {
	case float64:
		return int64(n), n == math.Trunc(n) && math.Abs(n) < 1e15
	case int:
		return int64(n), true
	case int64:
		return n, true
	}
	return 0, false
}

// list reads a JSON array of 1 to maxListValues items.
func list(v any) ([]any, bool) {
	xs, ok := v.([]any)
	return xs, ok && len(xs) > 0 && len(xs) <= maxListValues
}
