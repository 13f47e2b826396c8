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
	common, err := s.commonTag(ctx, q)
	if err != nil {
		return nil, false, domainError(err, "客户")
	}
	sql, args := listingSQL(q, common)
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

// commonTagRows is where a tag filter turns from a set the database
// gathers first into a check on each customer as the list is read newest
// first: a tag on n customers of N costs n to gather, and about 21·N/n
// customers read to fill a page when checked one by one; 5,000 balances
// the two at a million customers.
const defaultCommonTagRows = 5000

// commonTag reports whether the list's tag is on so many customers that
// checking it customer by customer (newest first, stopping at a page)
// beats gathering its customers first. Only a tag that drives the list
// alone is asked about: a term, a store or a guide narrows it better.
func (s *DirectoryStore) commonTag(ctx context.Context, q app.CustomerQuery) (bool, error) {
	if q.TagID == "" || strings.TrimSpace(q.Q) != "" || q.StoreID != 0 || q.ScopeStoreID != 0 || q.UserID != "" {
		return false, nil
	}
	var n int64
	err := s.db.with(ctx).Raw(`SELECT COUNT(*) FROM (SELECT 1 FROM follow_tags WHERE corp_id = ? AND tag_id = ? LIMIT ?) x`,
		q.CorpID, q.TagID, s.commonTagRows).Scan(&n).Error
	return n >= s.commonTagRows, err
}

// listingSQL builds the list's query; every value is a bound argument.
// The inner query finds the page's customers (and owner scopes) by the
// filters and order alone; only the page's rows are then read whole and
// named, so a term matching a thousand customers sorts a thousand ids,
// not a thousand full rows with their subqueries.
func listingSQL(q app.CustomerQuery, commonTag bool) (string, []any) {
	var b strings.Builder
	args := []any{}
	b.WriteString(`SELECT c.*, o.scope, o.userid AS owner_userid, o.store_id, o.channel_id, o.status, o.assigned_at,
 (SELECT COUNT(*) FROM guides g WHERE g.corp_id = c.corp_id AND g.userid = o.userid AND g.status = 'left') AS owner_left
 FROM (SELECT c.id AS page_id, o.scope AS page_scope FROM `)
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
	args = listingFilters(&b, q, commonTag, args)
	limit := app.PageLimit(q.Limit, 20)
	// A customer owned in two scopes is two rows: o.scope orders them, so
	// a page boundary between them neither repeats nor skips one.
	b.WriteString(listingOrder(q.Sort) + `, o.scope LIMIT ? OFFSET ?) p
 JOIN customers c ON c.id = p.page_id
 LEFT JOIN customer_owners o ON o.corp_id = c.corp_id AND o.scope = p.page_scope AND o.external_userid = c.external_userid` + listingOrder(q.Sort) + `, o.scope`)
	return b.String(), append(args, limit+1, max(q.Offset, 0))
}

// listingFilters adds the owner, tag, channel and add-time conditions.
func listingFilters(b *strings.Builder, q app.CustomerQuery, commonTag bool, args []any) []any {
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
	const tagged = "SELECT 1 FROM follow_tags t WHERE t.corp_id = c.corp_id AND t.external_userid = c.external_userid AND t.tag_id = ?"
	switch {
	case q.TagID != "" && commonTag: // a scalar subquery: the optimizer keeps it a check per customer
		add("("+tagged+" LIMIT 1) IS NOT NULL", q.TagID)
	case q.TagID != "":
		add("EXISTS ("+tagged+")", q.TagID)
	}
	if q.DeletedFrom != nil {
		add("EXISTS (SELECT 1 FROM follows df WHERE df.corp_id = c.corp_id AND df.external_userid = c.external_userid AND df.deleted_at >= ?)", q.DeletedFrom.UTC())
	}
	if statuses, ok := app.WelcomeStatuses[q.Welcome]; ok {
		from := time.Time{}
		if q.WelcomeFrom != nil {
			from = q.WelcomeFrom.UTC()
		}
		add("EXISTS (SELECT 1 FROM welcome_sends w WHERE w.corp_id = c.corp_id AND w.external_userid = c.external_userid AND w.status IN ? AND w.created_at >= ?)", statuses, from)
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
