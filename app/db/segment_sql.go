package db

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// The segment compiler: a checked rule becomes SQL on the corp's
// customers (alias c) that MySQL and SQLite both run, every value a bound
// parameter. A condition on related rows (relations, tags, the owner, the
// member, touches) is an EXISTS subquery correlated with the customer's
// external_userid, so the database tests a customer with one index lookup
// and never loads one into Siyu. segment_plan.go decides which rows the
// query starts from and in which order the conditions are tested.

// relation is a kind of rows related to a customer: the tables holding
// them, what every such row meets (the corp its first bound value), and
// the column naming the customer.
type relation struct{ from, where, key string }

// relations are the kinds of related rows, by field prefix.
var relations = map[string]relation{
	"follow": {"follows f", "f.corp_id = ? AND f.deleted_at IS NULL", "f.external_userid"},
	"owner":  {"customer_owners o", "o.corp_id = ?", "o.external_userid"},
	"member": {"member_identities mi JOIN members m ON m.corp_id = mi.corp_id AND m.id = mi.member_id",
		"mi.corp_id = ? AND mi.kind = 'external_userid' AND m.status = 'active'", "mi.value"},
	"rfm": {"member_identities mi JOIN member_rfm r ON r.corp_id = mi.corp_id AND r.member_id = mi.member_id",
		"mi.corp_id = ? AND mi.kind = 'external_userid'", "mi.value"},
	"touch": {"touches t", "t.corp_id = ?", "t.external_userid"},
	"tag": {"follow_tags ft JOIN follows f ON f.corp_id = ft.corp_id AND f.userid = ft.userid AND f.external_userid = ft.external_userid",
		"ft.corp_id = ? AND f.deleted_at IS NULL", "ft.external_userid"},
}

// standing is the condition every selected customer meets: a relation
// still standing (a customer who deleted every guide cannot be reached).
var standing = app.SegmentCond{Field: "follow.standing", Cmp: "is"}

// columns names the SQL of each field's column.
var columns = map[string]string{
	"customer.name": "c.name", "customer.gender": "c.gender",
	"follow.add_time": "f.add_time", "follow.userid": "f.userid", "follow.state": "f.state",
	"owner.userid": "o.userid", "owner.store_id": "o.store_id", "owner.channel_id": "o.channel_id", "owner.status": "o.status",
	"member.tier": "m.tier", "member.points": "m.points", "member.gender": "m.gender", "member.birthday_month": "SUBSTR(m.birthday, 6, 2)",
	"member.home_store_id": "m.home_store_id", "tag": "ft.tag_id",
	"rfm.class": "r.class", "rfm.stage": "r.stage", "rfm.frequency": "r.frequency", "rfm.monetary": "r.monetary_cents", "rfm.recency_days": "r.recency_days",
}

// negations are the comparisons that hold where their positive does not:
// "not owned by g1" includes customers owned by nobody.
var negations = map[string]string{"ne": "eq", "not_in": "in", "none": "any", "not": "is", "not_within_days": "within_days"}

// segmentWhere compiles cond for corpID's customers, evaluated at now,
// each related condition correlated with key (the customer's
// external_userid, or a column equal to it).
func segmentWhere(cond app.SegmentCond, corpID int64, now time.Time, key string) (string, []any) {
	cond = allTags(cond)
	if cond.Op != "" {
		parts, args := make([]string, len(cond.Kids)), []any{}
		for i, k := range cond.Kids {
			p, a := segmentWhere(k, corpID, now, key)
			parts[i], args = "("+p+")", append(args, a...)
		}
		return strings.Join(parts, " "+strings.ToUpper(cond.Op)+" "), args
	}
	if pos, neg := negations[cond.Cmp]; neg {
		cond.Cmp = pos
		p, a := segmentWhere(cond, corpID, now, key)
		return "NOT (" + p + ")", a
	}
	prefix, sql, args := leaf(cond, now)
	if prefix == "customer" {
		return sql, args
	}
	return probe(relations[prefix], corpID, key, sql, args)
}

// probe is "the customer key names has a row of rel meeting cond".
func probe(rel relation, corpID int64, key, cond string, args []any) (string, []any) {
	sql := "EXISTS (SELECT 1 FROM " + rel.from + " WHERE " + rel.where + " AND " + rel.key + " = " + key
	if cond != "" {
		sql += " AND " + cond
	}
	return sql + ")", append([]any{corpID}, args...)
}

// allTags rewrites "has all of these tags" as one condition a tag.
func allTags(cond app.SegmentCond) app.SegmentCond {
	if cond.Field != "tag" || cond.Cmp != "all" {
		return cond
	}
	out := app.SegmentCond{Op: "and"}
	for _, a := range cond.Args {
		out.Kids = append(out.Kids, app.SegmentCond{Field: "tag", Cmp: "any", Args: []any{a}})
	}
	return out
}

// leaf compiles one positive condition to its test on a row: prefix
// names the relation the row is of ("customer": the customer's own).
func leaf(cond app.SegmentCond, now time.Time) (prefix, sql string, args []any) {
	prefix, rest, _ := strings.Cut(cond.Field, ".")
	args = sqlArgs(cond)
	switch {
	case prefix == "touch":
		n := args[0].(int64)
		return prefix, "t.kind = ? AND t.at >= ?", []any{rest, now.Add(-time.Duration(n) * 24 * time.Hour)}
	case cond.Field == "member.exists" || cond.Field == standing.Field:
		return prefix, "", nil
	case cond.Field == "tag":
		return prefix, "ft.tag_id IN ?", []any{args}
	}
	sql, args = compare(columns[cond.Field], cond.Cmp, args, now)
	return prefix, sql, args
}

// compare compiles col cmp args.
func compare(col, cmp string, args []any, now time.Time) (string, []any) {
	switch cmp {
	case "eq":
		return col + " = ?", args
	case "in":
		return col + " IN ?", []any{args}
	case "prefix":
		return col + " LIKE ? ESCAPE '!'", []any{likeEscape(args[0].(string)) + "%"}
	case "contains":
		return col + " LIKE ? ESCAPE '!'", []any{"%" + likeEscape(args[0].(string)) + "%"}
	case "gt", "gte", "lt", "lte":
		return col + map[string]string{"gt": " > ?", "gte": " >= ?", "lt": " < ?", "lte": " <= ?"}[cmp], args
	case "between":
		if _, isTime := args[0].(time.Time); isTime {
			return col + " >= ? AND " + col + " < ?", args
		}
		return col + " BETWEEN ? AND ?", args
	case "within_days":
		return col + " >= ?", []any{now.Add(-time.Duration(args[0].(int64)) * 24 * time.Hour)}
	case "before_days":
		return col + " < ?", []any{now.Add(-time.Duration(args[0].(int64)) * 24 * time.Hour)}
	}
	panic(fmt.Sprintf("segment: comparison %q was not checked", cmp))
}

// sqlArgs are the condition's values as its column holds them: genders
// as numbers, birthday months as the two digits the date text holds.
func sqlArgs(cond app.SegmentCond) []any {
	out := make([]any, len(cond.Args))
	for i, a := range cond.Args {
		switch {
		case strings.HasSuffix(cond.Field, ".gender"):
			n, _ := strconv.Atoi(a.(string))
			out[i] = n
		case cond.Field == "member.birthday_month":
			out[i] = fmt.Sprintf("%02d", a.(int64))
		default:
			out[i] = a
		}
	}
	return out
}

// likeEscape escapes LIKE's wildcards with '!'.
func likeEscape(s string) string {
	return strings.NewReplacer("!", "!!", "%", "!%", "_", "!_").Replace(s)
}
