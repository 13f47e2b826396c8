package db

import (
	"context"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

var _ app.CustomerSearch = (*DirectoryStore)(nil)

// listingRow is one row the customer list reads: the customer and their
// owner in one scope, if any.
type listingRow struct {
	app.Customer
	Scope      *int64
	UserID     *string `gorm:"column:owner_userid"`
	StoreID    *int64
	ChannelID  *int64
	Status     *string
	AssignedAt *time.Time
	OwnerLeft  bool
}

// SearchCustomers reads one page of the console's customer list. A search
// term first finds at most app.MaxSearchMatches customers by name prefix
// and as many by remark prefix (two index ranges), so a term costs what it
// matches, not the size of the corp; filters on owner, tag and add time
// narrow what the term, or the corp, holds.
func (s *DirectoryStore) SearchCustomers(ctx context.Context, q app.CustomerQuery) ([]app.CustomerListing, bool, error) {
	sql, args := listingSQL(q)
	var rows []listingRow
	if err := s.db.with(ctx).Raw(sql, args...).Scan(&rows).Error; err != nil {
		return nil, false, domainError(err, "客户")
	}
	limit := app.PageLimit(q.Limit, 20)
	more := len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	out := make([]app.CustomerListing, len(rows))
	ids := make([]string, len(rows))
	for i, r := range rows {
		out[i].Customer, out[i].OwnerLeft, ids[i] = r.Customer, r.OwnerLeft, r.ExternalUserID
		if r.Status != nil {
			out[i].Owner = &app.Owner{CorpID: q.CorpID, Scope: *r.Scope, ExternalUserID: r.ExternalUserID, UserID: *r.UserID,
				StoreID: r.StoreID, ChannelID: r.ChannelID, Status: *r.Status, AssignedAt: *r.AssignedAt}
		}
	}
	follows, err := s.followsOf(ctx, q.CorpID, ids)
	for i := range out {
		out[i].Follows = follows[out[i].ExternalUserID]
	}
	return out, more, err
}

// listingSQL builds the list's query; every value is a bound argument.
func listingSQL(q app.CustomerQuery) (string, []any) {
	var b strings.Builder
	args := []any{}
	b.WriteString(`SELECT c.*, o.scope, o.userid AS owner_userid, o.store_id, o.channel_id, o.status, o.assigned_at,
 (SELECT COUNT(*) FROM guides g WHERE g.corp_id = c.corp_id AND g.userid = o.userid AND g.status = 'left') AS owner_left FROM `)
	if term := strings.TrimSpace(q.Q); term != "" {
		prefix := likePrefix(term)
		b.WriteString(`(SELECT external_userid FROM (SELECT external_userid FROM customers WHERE corp_id = ? AND name LIKE ? ESCAPE '!' ORDER BY name LIMIT ?) n
 UNION SELECT external_userid FROM (SELECT external_userid FROM follows WHERE corp_id = ? AND remark LIKE ? ESCAPE '!' AND deleted_at IS NULL ORDER BY remark LIMIT ?) r
 UNION SELECT external_userid FROM customers WHERE corp_id = ? AND external_userid = ?) m
 JOIN customers c ON c.corp_id = ? AND c.external_userid = m.external_userid`)
		args = append(args, q.CorpID, prefix, app.MaxSearchMatches, q.CorpID, prefix, app.MaxSearchMatches, q.CorpID, term, q.CorpID)
	} else {
		b.WriteString(`customers c`)
	}
	b.WriteString(`
 LEFT JOIN customer_owners o ON o.corp_id = c.corp_id AND o.external_userid = c.external_userid
 WHERE c.corp_id = ?`)
	args = append(args, q.CorpID)
	args = listingFilters(&b, q, args)
	limit := app.PageLimit(q.Limit, 20)
	b.WriteString(listingOrder(q.Sort) + " LIMIT ? OFFSET ?")
	return b.String(), append(args, limit+1, max(q.Offset, 0))
}

// listingFilters adds the owner, tag, channel and add-time conditions.
func listingFilters(b *strings.Builder, q app.CustomerQuery, args []any) []any {
	add := func(cond string, v ...any) { b.WriteString("\n AND " + cond); args = append(args, v...) }
	if q.StoreID != 0 {
		add("o.store_id = ?", q.StoreID)
	}
	if q.ScopeStoreID != 0 {
		add(`(o.store_id = ? OR EXISTS (SELECT 1 FROM follows sf JOIN guides sg ON sg.corp_id = sf.corp_id AND sg.userid = sf.userid
 WHERE sf.corp_id = c.corp_id AND sf.external_userid = c.external_userid AND sf.deleted_at IS NULL AND sg.store_id = ?))`, q.ScopeStoreID, q.ScopeStoreID)
	}
	if q.UserID != "" {
		add("o.userid = ?", q.UserID)
	}
	if q.ChannelID != 0 {
		add("o.channel_id = ?", q.ChannelID)
	}
	const left = "EXISTS (SELECT 1 FROM guides g WHERE g.corp_id = o.corp_id AND g.userid = o.userid AND g.status = 'left')"
	switch q.OwnerStatus {
	case app.OwnerFilterAssigned:
		add("o.status = ? AND NOT "+left, app.OwnerAssigned)
	case app.OwnerFilterLeft:
		add("o.status = ? AND "+left, app.OwnerAssigned)
	case app.OwnerFilterPool:
		add("o.status = ?", app.OwnerPool)
	case app.OwnerFilterNone:
		add("o.external_userid IS NULL")
	}
	if q.TagID != "" {
		add("EXISTS (SELECT 1 FROM follow_tags t WHERE t.corp_id = c.corp_id AND t.external_userid = c.external_userid AND t.tag_id = ?)", q.TagID)
	}
	if q.AddedFrom != nil || q.AddedBefore != nil {
		from, before := time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		if q.AddedFrom != nil {
			from = q.AddedFrom.UTC()
		}
		if q.AddedBefore != nil {
			before = q.AddedBefore.UTC()
		}
		add("EXISTS (SELECT 1 FROM follows f WHERE f.corp_id = c.corp_id AND f.external_userid = c.external_userid AND f.add_time >= ? AND f.add_time < ?)", from, before)
	}
	return args
}

func listingOrder(sort string) string {
	switch sort {
	case app.CustomerSortOldest:
		return "\n ORDER BY c.id"
	case app.CustomerSortName:
		return "\n ORDER BY c.name, c.id"
	}
	return "\n ORDER BY c.id DESC"
}

// likePrefix is a LIKE pattern matching values that begin with s, the
// pattern characters in s taken literally. The escape is '!': SQLite has
// no default escape and reads '\\' as two characters, MySQL as one.
func likePrefix(s string) string {
	r := strings.NewReplacer(`!`, `!!`, `%`, `!%`, `_`, `!_`)
	return r.Replace(s) + "%"
}
