package db

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// The segment compiler: a checked rule becomes one WHERE condition on the
// corp's customers (alias c), in SQL both MySQL and SQLite run, every
// value a bound parameter. A condition on related rows (relations, tags,
// the owner, the member, touches) is an EXISTS subquery, so a segment is
// counted and materialized by the database without loading a customer.

// related maps a field's prefix to the subquery that lists the customers
// (external_userid) having a matching row of the corp (the first bound
// value); the condition on the row's column is appended. Each subquery is
// uncorrelated: the database computes its set once and looks customers
// up in it, rather than running it for each customer.
var related = map[string]string{
	"follow": "SELECT f.external_userid FROM follows f WHERE f.corp_id = ? AND f.deleted_at IS NULL",
	"owner":  "SELECT o.external_userid FROM customer_owners o WHERE o.corp_id = ?",
	"member": "SELECT mi.value FROM member_identities mi JOIN members m ON m.corp_id = mi.corp_id AND m.id = mi.member_id" +
		" WHERE mi.corp_id = ? AND mi.kind = 'external_userid' AND m.status = 'active'",
	"rfm": "SELECT mi.value FROM member_identities mi JOIN member_rfm r ON r.corp_id = mi.corp_id AND r.member_id = mi.member_id" +
		" WHERE mi.corp_id = ? AND mi.kind = 'external_userid'",
	"touch": "SELECT t.external_userid FROM touches t WHERE t.corp_id = ?",
	"tag": "SELECT ft.external_userid FROM follow_tags ft JOIN follows f ON f.corp_id = ft.corp_id AND f.userid = ft.userid AND f.external_userid = ft.external_userid" +
		" WHERE ft.corp_id = ? AND f.deleted_at IS NULL",
}

// in is "the customer is among those sub lists", sub taking corpID first.
func in(sub string, corpID int64, cond string, args []any) (string, []any) {
	if cond != "" {
		sub += " AND " + cond
	}
	return "c.external_userid IN (" + sub + ")", append([]any{corpID}, args...)
}

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

// segmentWhere compiles cond for corpID's customers, evaluated at now.
func segmentWhere(cond app.SegmentCond, corpID int64, now time.Time) (string, []any) {
	if cond.Op != "" {
		parts, args := make([]string, len(cond.Kids)), []any{}
		for i, k := range cond.Kids {
			p, a := segmentWhere(k, corpID, now)
			parts[i], args = "("+p+")", append(args, a...)
		}
		return strings.Join(parts, " "+strings.ToUpper(cond.Op)+" "), args
	}
	if pos, neg := negations[cond.Cmp]; neg {
		cond.Cmp = pos
		p, a := segmentWhere(cond, corpID, now)
		return "NOT (" + p + ")", a
	}
	return condition(cond, corpID, now)
}

// condition compiles one positive condition.
func condition(cond app.SegmentCond, corpID int64, now time.Time) (string, []any) {
	prefix, rest, _ := strings.Cut(cond.Field, ".")
	args := sqlArgs(cond)
	switch {
	case prefix == "customer":
		return compare(columns[cond.Field], cond.Cmp, args, now)
	case prefix == "touch":
		n := args[0].(int64)
		return in(related["touch"], corpID, "t.kind = ? AND t.at >= ?", []any{rest, now.Add(-time.Duration(n) * 24 * time.Hour)})
	case cond.Field == "member.exists":
		return in(related["member"], corpID, "", nil)
	case cond.Field == "tag" && cond.Cmp == "all":
		parts, all := make([]string, len(args)), []any{}
		for i, a := range args {
			p, as := in(related["tag"], corpID, "ft.tag_id = ?", []any{a})
			parts[i], all = p, append(all, as...)
		}
		return strings.Join(parts, " AND "), all
	case cond.Field == "tag":
		return in(related["tag"], corpID, "ft.tag_id IN ?", []any{args})
	}
	p, a := compare(columns[cond.Field], cond.Cmp, args, now)
	return in(related[prefix], corpID, p, a)
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
