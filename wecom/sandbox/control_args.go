package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ParamKind is the type of an action parameter.
type ParamKind string

// The parameter kinds. A list is a JSON array of strings; a duration is a
// Go duration string such as "24h".
const (
	ParamString   ParamKind = "string"
	ParamInt      ParamKind = "int"
	ParamBool     ParamKind = "bool"
	ParamList     ParamKind = "list"
	ParamDuration ParamKind = "duration"
)

// Param is one parameter of an action. Name is its JSON key; the command
// line spells it as a flag with "-" for "_" (external_userid →
// --external-userid).
type Param struct {
	Name     string    `json:"name"`
	Kind     ParamKind `json:"kind"`
	Required bool      `json:"required,omitempty"`
	Help     string    `json:"help"`
}

// ArgError is a bad action request: an unknown action or parameter, a
// missing one, or one of the wrong type. Its message is bilingual, for
// the person at the command line.
type ArgError struct{ Message string }

// Error returns the message.
func (e *ArgError) Error() string { return e.Message }

func argErrorf(format string, args ...any) error {
	return &ArgError{Message: fmt.Sprintf(format, args...)}
}

// Args are an action's parameters, checked against its Params: strings,
// ints, bools, string lists and durations, by name.
type Args map[string]any

// parseArgs decodes raw (a JSON object, or empty) and checks it against
// params: no unknown keys, every required one present, each of its kind.
func parseArgs(params []Param, raw []byte) (Args, error) {
	in := map[string]any{}
	if len(bytes.TrimSpace(raw)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&in); err != nil {
			return nil, argErrorf("参数不是 JSON 对象 (parameters must be a JSON object): %v", err)
		}
	}
	for key := range in {
		if !slices.ContainsFunc(params, func(p Param) bool { return p.Name == key }) {
			return nil, argErrorf("未知参数 %s (unknown parameter %s)", key, key)
		}
	}
	out := Args{}
	for _, p := range params {
		v, ok := in[p.Name]
		if !ok || v == nil {
			if p.Required {
				return nil, argErrorf("缺少参数 %s (missing parameter %s)", p.Name, p.Name)
			}
			continue
		}
		val, err := convert(p, v)
		if err != nil {
			return nil, err
		}
		out[p.Name] = val
	}
	return out, nil
}

// convert checks one value against its parameter's kind.
func convert(p Param, v any) (any, error) {
	bad := argErrorf("参数 %s 应为 %s (parameter %s must be a %s)", p.Name, kindName(p.Kind), p.Name, p.Kind)
	switch p.Kind {
	case ParamString:
		s, ok := v.(string)
		if !ok || (p.Required && strings.TrimSpace(s) == "") {
			return nil, bad
		}
		return s, nil
	case ParamInt:
		n, ok := v.(json.Number)
		i, err := n.Int64()
		if !ok || err != nil {
			return nil, bad
		}
		return int(i), nil
	case ParamBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case ParamList:
		return convertList(p, v, bad)
	case ParamDuration:
		s, _ := v.(string)
		if d, err := time.ParseDuration(s); err == nil && d > 0 {
			return d, nil
		}
	}
	return nil, bad
}

func convertList(p Param, v any, bad error) (any, error) {
	items, ok := v.([]any)
	if !ok || (p.Required && len(items) == 0) {
		return nil, bad
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, ok := it.(string)
		if !ok || s == "" {
			return nil, bad
		}
		out = append(out, s)
	}
	return out, nil
}

func kindName(k ParamKind) string {
	return map[ParamKind]string{ParamString: "字符串", ParamInt: "整数", ParamBool: "布尔值",
		ParamList: "字符串列表", ParamDuration: "正的时长（如 24h）"}[k]
}

func (a Args) str(key string) string        { s, _ := a[key].(string); return s }
func (a Args) num(key string) int           { n, _ := a[key].(int); return n }
func (a Args) flag(key string) bool         { b, _ := a[key].(bool); return b }
func (a Args) list(key string) []string     { l, _ := a[key].([]string); return l }
func (a Args) has(key string) bool          { _, ok := a[key]; return ok }
func (a Args) dur(key string) time.Duration { d, _ := a[key].(time.Duration); return d }

// strPtr is the string at key, or nil when it was not given (so an edit
// can tell "clear the remark" from "leave it").
func (a Args) strPtr(key string) *string {
	if !a.has(key) {
		return nil
	}
	s := a.str(key)
	return &s
}

// intPtr is the int at key, or nil when it was not given.
func (a Args) intPtr(key string) *int {
	if !a.has(key) {
		return nil
	}
	n := a.num(key)
	return &n
}
