package db

import (
	"cmp"
	"context"
	"slices"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// RecordAdd writes what an add event itself says, before WeCom is asked
// for details: the relation of userID and externalUserID exists since at,
// through the contact way state. A deletion at or after at stands (it is
// newer); a row deleted before at is revived, since this is a re-add. The
// row keeps the latest add time (and its state) seen, deleted or not, so
// an older deletion arriving after a re-add stays ignored and the outcome
// does not depend on the order events arrive in. The customer's own row
// comes with the detail read that follows.
func (s *DirectoryStore) RecordAdd(ctx context.Context, corpID int64, userID, externalUserID, state string, at time.Time) error {
	return s.RecordAdds(ctx, []app.Follow{{CorpID: corpID, UserID: userID, ExternalUserID: externalUserID, AddTime: &at, State: state}})
}

// RecordAdds is RecordAdd for many adds (each with AddTime and State set)
// in one statement. The same relation twice is fine: rows are upserted in
// order and each is guarded by its own add time.
func (s *DirectoryStore) RecordAdds(ctx context.Context, adds []app.Follow) error {
	x := s.db.excluded
	revive := "deleted_at IS NOT NULL AND deleted_at < " + x("add_time")
	newer := "add_time IS NULL OR add_time < " + x("add_time")
	when := func(col, cond, value string) clause.Assignment {
		return assign(col, "CASE WHEN "+cond+" THEN "+value+" ELSE "+col+" END")
	}
	// MySQL evaluates the assignments in order and shows later ones the
	// new values: state goes before add_time and deleted_at last, since
	// the conditions read their old values.
	err := s.db.with(ctx).Table("follows").Clauses(upsert(followKey, nil,
		when("state", newer, x("state")), when("add_time", newer, x("add_time")),
		when("deleted_by", revive, "''"), when("deleted_at", revive, "NULL"))).
		Omit("id", "TagIDs").Create(inKeyOrder(adds)).Error
	return domainError(err, "跟进关系")
}

// inKeyOrder returns fs sorted by relation, so that writers locking rows
// in a batch take them in one order and cannot deadlock each other.
func inKeyOrder(fs []app.Follow) []app.Follow {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b app.Follow) int {
		return cmp.Or(cmp.Compare(a.CorpID, b.CorpID), cmp.Compare(a.UserID, b.UserID), cmp.Compare(a.ExternalUserID, b.ExternalUserID))
	})
	return out
}
