package db

import (
	"regexp"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// drive is how a relation's rows are read when a segment query starts
// from them: first the table holding the condition's column (lead, its
// corp the first bound value of where), then on to the column naming the
// customer. Starting there lets an index on that column find the few rows
// meeting the condition, where starting from the customers tests them all.
type drive struct{ lead, join, where string }

// drives are the relations' first reads, by field prefix. Their aliases
// are those of relations with a 0 added, so that a condition's EXISTS,
// which reuses the plain ones, cannot take the lead's row for its own.
var drives = map[string]drive{
	"follow": {"follows f0", "", "f0.corp_id = ? AND f0.deleted_at IS NULL"},
	"owner":  {"customer_owners o0", "", "o0.corp_id = ?"},
	"touch":  {"touches t0", "", "t0.corp_id = ?"},
	"tag": {"follow_tags ft0", "follows f0 ON f0.corp_id = ft0.corp_id AND f0.userid = ft0.userid AND f0.external_userid = ft0.external_userid",
		"ft0.corp_id = ? AND f0.deleted_at IS NULL"},
	"member": {"members m0", "member_identities mi0 ON mi0.corp_id = m0.corp_id AND mi0.member_id = m0.id AND mi0.kind = 'external_userid'",
		"m0.corp_id = ? AND m0.status = 'active'"},
	"rfm": {"member_rfm r0", "member_identities mi0 ON mi0.corp_id = r0.corp_id AND mi0.member_id = r0.member_id AND mi0.kind = 'external_userid'",
		"r0.corp_id = ?"},
}

// leadAlias finds the aliases of relations in a condition's SQL, to be
// given the 0 of drives.
var leadAlias = regexp.MustCompile(`\b(ft|f|mi|m|r|o|t)\.`)

// driveIndexes name, by field or prefix, the index of the lead table
// that finds a condition's rows; a field without one never leads.
var driveIndexes = map[string]string{
	"follow.userid": "uk_follows_pair", "follow.add_time": "idx_follows_added",
	"owner.userid": "idx_customer_owners_guide", "owner.store_id": "idx_customer_owners_store", "owner.status": "idx_customer_owners_status",
	"member.exists": "idx_members_status", "member.tier": "idx_members_tier", "member.home_store_id": "idx_members_home_store",
	"rfm.stage": "idx_member_rfm_corp_stage", "rfm.class": "idx_member_rfm_corp_class",
	"tag": "idx_follow_tags_tag", "touch": "idx_touches_kind",
}

// driveIndex returns the index that finds the rows meeting cond, "" when
// none can: a group, a negation, a substring or an unindexed column.
func driveIndex(cond app.SegmentCond) string {
	if _, neg := negations[cond.Cmp]; cond.Op != "" || neg || cond.Cmp == "contains" {
		return ""
	}
	if ix, ok := driveIndexes[cond.Field]; ok {
		return ix
	}
	prefix, _, _ := strings.Cut(cond.Field, ".")
	if prefix == "touch" {
		return driveIndexes[prefix]
	}
	return ""
}

// from reads lead's rows, then the customers they name, joined in that
// order (join forces it: STRAIGHT_JOIN on MySQL, CROSS JOIN on SQLite)
// and read by hint, the index clause MySQL is given. It returns the
// FROM, the WHERE and their bound values, and the customer key.
func (d drive) from(lead app.SegmentCond, corpID int64, now time.Time, join, hint string) (string, string, []any, string) {
	prefix, cond, args := leaf(lead, now)
	from := d.lead + hint
	if d.join != "" {
		from += " " + join + " " + d.join
	}
	key := leadAlias.ReplaceAllString(relations[prefix].key, "${1}0.")
	from += " " + join + " customers c ON c.corp_id = ? AND c.external_userid = " + key
	where := d.where
	if cond != "" {
		where += " AND " + leadAlias.ReplaceAllString(cond, "${1}0.")
	}
	return from, where, append([]any{corpID, corpID}, args...), key
}
