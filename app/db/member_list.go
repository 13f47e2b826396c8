package db

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// defaultMemberPage is the rows of a member list page when none is asked.
const defaultMemberPage = 20

// ListMembers reads one page of the console's member list, newest first,
// and whether another page follows. A search term first finds at most
// app.MaxSearchMatches members by member-number prefix and as many by
// name prefix (two index ranges), so a term costs what it matches, not
// the size of the corp; the IDs found otherwise join them.
func (s *MemberStore) ListMembers(ctx context.Context, q app.MemberQuery) ([]app.Member, bool, error) {
	sql, args := memberListSQL(q)
	var rows []app.Member
	if err := s.db.with(ctx).Raw(sql, args...).Scan(&rows).Error; err != nil {
		return nil, false, domainError(err, "会员")
	}
	limit := app.PageLimit(q.Limit, defaultMemberPage)
	more := len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	return rows, more, nil
}

// memberListSQL builds the list's query; every value is a bound argument.
func memberListSQL(q app.MemberQuery) (string, []any) {
	var b strings.Builder
	args := []any{}
	b.WriteString("SELECT m.* FROM ")
	if found, fargs := memberMatches(q); found != "" {
		b.WriteString("(" + found + ") f JOIN members m ON m.id = f.id")
		args = append(args, fargs...)
	} else {
		b.WriteString("members m")
	}
	b.WriteString("\n WHERE m.corp_id = ?")
	args = append(args, q.CorpID)
	add := func(cond string, v any) { b.WriteString("\n AND " + cond); args = append(args, v) }
	if q.Tier != "" {
		add("m.tier = ?", q.Tier)
	}
	if q.HomeStoreID != 0 {
		add("m.home_store_id = ?", q.HomeStoreID)
	}
	if q.Status != "" {
		add("m.status = ?", q.Status)
	}
	b.WriteString("\n ORDER BY m.id DESC LIMIT ? OFFSET ?")
	return b.String(), append(args, app.PageLimit(q.Limit, defaultMemberPage)+1, max(q.Offset, 0))
}

// memberMatches is the union of the ids the term and q.IDs find, ""
// when the list is not searched.
func memberMatches(q app.MemberQuery) (string, []any) {
	var parts []string
	var args []any
	if term := strings.TrimSpace(q.Q); term != "" {
		prefix := likePrefix(term)
		parts = append(parts, "SELECT id FROM (SELECT id FROM members WHERE corp_id = ? AND member_no LIKE ? ESCAPE '!' ORDER BY member_no LIMIT ?) n",
			"SELECT id FROM (SELECT id FROM members WHERE corp_id = ? AND name LIKE ? ESCAPE '!' ORDER BY name LIMIT ?) a")
		args = append(args, q.CorpID, prefix, app.MaxSearchMatches, q.CorpID, prefix, app.MaxSearchMatches)
	}
	if len(q.IDs) > 0 {
		parts = append(parts, "SELECT id FROM members WHERE corp_id = ? AND id IN ?")
		args = append(args, q.CorpID, q.IDs)
	}
	return strings.Join(parts, "\n UNION "), args
}

// MemberTiers lists the tiers the corp's members hold, for the list's
// filter (an index range: no member row is read).
func (s *MemberStore) MemberTiers(ctx context.Context, corpID int64) ([]string, error) {
	var tiers []string
	err := s.db.with(ctx).Table("members").Where("corp_id = ? AND tier <> ''", corpID).Distinct("tier").Order("tier").Pluck("tier", &tiers).Error
	return tiers, domainError(err, "会员")
}
