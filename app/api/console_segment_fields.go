package api

import (
	"slices"
	"sort"

	"github.com/siyu-scrm/siyu/app"
)

// segmentFieldGroups are the catalog's fields as the builder offers them,
// grouped by what they are about; a field the catalog gains later lands
// in 其他 until it is placed here.
var segmentFieldGroups = []struct {
	Label  string
	Fields []string
}{
	{"客户", []string{"customer.name", "customer.gender"}},
	{"好友关系", []string{"follow.add_time", "follow.userid", "follow.state", "tag"}},
	{"归属", []string{"owner.userid", "owner.store_id", "owner.channel_id", "owner.status"}},
	{"会员", []string{"member.exists", "member.tier", "member.points", "member.gender", "member.birthday_month", "member.home_store_id"}},
	{"触点", []string{"touch.add", "touch.welcome", "touch.share_click", "touch.group_join", "touch.panel_send"}},
}

// segmentRefs are the fields whose values are ids of things people know
// by name: the builder offers the things by name and compares only for
// (in)equality.
var segmentRefs = map[string]string{
	"owner.store_id": "store", "member.home_store_id": "store", "owner.channel_id": "channel",
	"follow.state": "state", "follow.userid": "guide", "owner.userid": "guide",
}

// cmpOrder is the order comparisons are offered in.
var cmpOrder = []string{"eq", "ne", "in", "not_in", "prefix", "contains", "gt", "gte", "lt", "lte", "between",
	"within_days", "not_within_days", "before_days", "any", "all", "none", "is", "not"}

// fieldGroup is an optgroup of the builder's field select.
type fieldGroup struct {
	Label   string
	Options []consoleOption
}

// segmentFieldChoices lists every catalog field, grouped, by label.
func segmentFieldChoices() []fieldGroup {
	seen := map[string]bool{}
	var out []fieldGroup
	for _, g := range segmentFieldGroups {
		fg := fieldGroup{Label: g.Label}
		for _, f := range g.Fields {
			if def, ok := app.SegmentFields[f]; ok {
				fg.Options, seen[f] = append(fg.Options, consoleOption{Value: f, Label: def.Label}), true
			}
		}
		out = append(out, fg)
	}
	other := fieldGroup{Label: "其他"}
	for f, def := range app.SegmentFields {
		if !seen[f] {
			other.Options = append(other.Options, consoleOption{Value: f, Label: def.Label})
		}
	}
	sort.Slice(other.Options, func(i, j int) bool { return other.Options[i].Value < other.Options[j].Value })
	if len(other.Options) > 0 {
		out = append(out, other)
	}
	return out
}

// cmpChoices are the comparisons field offers, by label: its type's, and
// for a field of ids only (in)equality.
func cmpChoices(field string) []consoleOption {
	def, ok := app.SegmentFields[field]
	if !ok {
		return nil
	}
	labels := app.SegmentCmps[def.Type]
	var out []consoleOption
	for _, c := range cmpOrder {
		if l, ok := labels[c]; ok && (segmentRefs[field] == "" || slices.Contains([]string{"eq", "ne", "in", "not_in"}, c)) {
			out = append(out, consoleOption{Value: c, Label: l})
		}
	}
	return out
}

// inputKind is the value input a condition shows: none (a flag), days,
// dates (two), number, range (two numbers), text, list (comma-separated),
// enum or enums, tags, or a thing by name, one (store, channel, state,
// guide) or several (stores, channels, states, guides).
func inputKind(field, cmp string) string {
	def, ok := app.SegmentFields[field]
	multi := cmp == "in" || cmp == "not_in"
	switch {
	case !ok || def.Type == app.SegFlag:
		return "none"
	case def.Type == app.SegRecent || (def.Type == app.SegTime && cmp != "between"):
		return "days"
	case def.Type == app.SegTime:
		return "dates"
	case def.Type == app.SegTags:
		return "tags"
	case segmentRefs[field] != "" && multi:
		return segmentRefs[field] + "s"
	case segmentRefs[field] != "":
		return segmentRefs[field]
	case def.Type == app.SegEnum && multi:
		return "enums"
	case def.Type == app.SegEnum:
		return "enum"
	case multi:
		return "list"
	case def.Type == app.SegNumber && cmp == "between":
		return "range"
	case def.Type == app.SegNumber:
		return "number"
	}
	return "text"
}

// enumChoices are an enum field's values by label, in value order.
func enumChoices(field string) []consoleOption {
	var out []consoleOption
	for v, l := range app.SegmentFields[field].Values {
		out = append(out, consoleOption{Value: v, Label: l})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	return out
}
