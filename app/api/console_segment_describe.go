package api

import (
	"strconv"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// nodeOfRule reads a saved rule into the builder's tree, its values as
// text again, so a saved segment can be read out and built upon.
func nodeOfRule(r app.SegmentRule) *ruleNode {
	if r.Op != "" {
		n := &ruleNode{Group: true, Op: r.Op}
		for _, k := range r.Rules {
			n.Kids = append(n.Kids, nodeOfRule(k))
		}
		return n
	}
	n := &ruleNode{Field: r.Field, Cmp: r.Cmp}
	xs, isList := r.Value.([]any)
	switch kind := inputKind(r.Field, r.Cmp); {
	case !isList && r.Value != nil:
		n.Vals = []string{valueText(r.Value)}
	case kind == "range" || kind == "dates":
		for i, x := range xs {
			if i == 0 {
				n.Vals = []string{valueText(x)}
			} else {
				n.V2 = valueText(x)
			}
		}
	case kind == "list":
		n.Vals = []string{strings.Join(texts(xs), "、")}
	default:
		n.Vals = texts(xs)
	}
	return n
}

func texts(xs []any) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = valueText(x)
	}
	return out
}

// valueText writes a rule value (a JSON string or number) as text.
func valueText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return ""
}

// describe says what a rule selects in words, by names: 客户性别 等于 女
// 且（归属门店 属于 徐汇店、静安店 或 近 7 天入群：是）.
func (n *ruleNode) describe(c *segChoices, nested bool) string {
	if !n.Group {
		return n.describeCond(c)
	}
	parts := make([]string, len(n.Kids))
	for i, k := range n.Kids {
		parts[i] = k.describe(c, len(n.Kids) > 1)
	}
	s := strings.Join(parts, map[string]string{"and": " 且 ", "or": " 或 "}[n.Op])
	if nested && len(parts) > 1 {
		return "（" + s + "）"
	}
	return s
}

// describeCond says one condition: its field, comparison and values.
func (n *ruleNode) describeCond(c *segChoices) string {
	def := app.SegmentFields[n.Field]
	cmp := app.SegmentCmps[def.Type][n.Cmp]
	days := strings.Join(n.Vals, "")
	switch kind := inputKind(n.Field, n.Cmp); {
	case kind == "none":
		return def.Label + "：" + cmp
	case def.Type == app.SegRecent:
		return strings.Replace(def.Label, "N", days, 1) + "：" + map[bool]string{true: "是", false: "否"}[n.Cmp == "within_days"]
	case kind == "days":
		return def.Label + "：" + strings.Replace(cmp, "N", days, 1)
	case kind == "range" || kind == "dates":
		return def.Label + " " + cmp + " " + strings.Join(n.Vals, "") + " 至 " + n.V2
	}
	names := make([]string, len(n.Vals))
	for i, v := range n.Vals {
		names[i] = c.name(n.Field, v)
	}
	return def.Label + " " + cmp + " " + strings.Join(names, "、")
}

// name is how people know value of field: a store, guide, channel or tag
// by its name, an enum by its label, anything else as it is.
func (c *segChoices) name(field, value string) string {
	ref := segmentRefs[field]
	if field == "tag" {
		ref = "tags"
	}
	named := map[string]func() string{
		"store":   func() string { id, _ := strconv.ParseInt(value, 10, 64); return storeName(c.Stores, id) },
		"channel": func() string { id, _ := strconv.ParseInt(value, 10, 64); return channelByID(c.Channels, id) },
		"state":   func() string { return channelByState(c.Channels, value) },
		"guide":   func() string { return optionLabel(c.Guides, value) },
		"tags":    func() string { return tagNames(c.Tags)[value] },
	}
	if fn := named[ref]; fn != nil {
		if n := fn(); n != "" {
			return n
		}
		return "（已删除或未知）"
	}
	if l, ok := app.SegmentFields[field].Values[value]; ok {
		return l
	}
	return value
}

// optionLabel is the label of value among options.
func optionLabel(options []consoleOption, value string) string {
	for _, o := range options {
		if o.Value == value {
			return o.Label
		}
	}
	return ""
}
