package api

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/siyu-scrm/siyu/app"
)

// rule turns the typed tree into the rule the segment service checks.
// Values are converted for the field's type as far as they can be; what
// cannot be (a word where a number belongs, a missing value) is passed
// on as typed, for the service to refuse with its reason.
func (n *ruleNode) rule() app.SegmentRule {
	if n.Group {
		r := app.SegmentRule{Op: n.Op, Rules: []app.SegmentRule{}}
		for _, k := range n.Kids {
			r.Rules = append(r.Rules, k.rule())
		}
		return r
	}
	return app.SegmentRule{Field: n.Field, Cmp: n.Cmp, Value: n.value()}
}

// value is the condition's value as its input kind holds it.
func (n *ruleNode) value() any {
	first := ""
	if len(n.Vals) > 0 {
		first = strings.TrimSpace(n.Vals[0])
	}
	switch inputKind(n.Field, n.Cmp) {
	case "none":
		return nil
	case "days", "number", "store", "channel":
		return number(first)
	case "range":
		return []any{number(first), number(n.V2)}
	case "dates":
		return []any{first, n.V2}
	case "list":
		return listOf(splitList(first), app.SegmentFields[n.Field].Type == app.SegNumber)
	case "stores", "channels":
		return listOf(n.Vals, true)
	case "enums", "tags", "guides", "states":
		return listOf(n.Vals, false)
	}
	if first == "" {
		return nil
	}
	return first
}

// number reads a whole number, or keeps the text (nil when empty) so the
// service says what is wrong with it.
func number(s string) any {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n
	}
	return s
}

// listOf is a JSON-like list of the non-empty items, numbers when asked.
func listOf(items []string, numbers bool) []any {
	out := []any{}
	for _, it := range items {
		if it = strings.TrimSpace(it); it == "" {
			continue
		}
		if numbers {
			out = append(out, number(it))
		} else {
			out = append(out, it)
		}
	}
	return out
}

// splitList splits a typed list at commas (either width), 、 and
// semicolons, as people write lists.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || unicode.IsSpace(r) && r != ' '
	})
}
