package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// RecordAdd writes what an add event itself says, before WeCom is asked
// for details: the relation of userID and externalUserID exists since at,
// through the contact way state. A deletion at or after at stands (it is
// newer); a row deleted before at is revived, since this is a re-add; an
// active row takes the later add time (and its state), so an older
// deletion arriving after a re-add stays ignored. The customer's own row
// comes with the detail read that follows.
func (s *DirectoryStore) RecordAdd(ctx context.Context, corpID int64, userID, externalUserID, state string, at time.Time) error {
	f := app.Follow{CorpID: corpID, UserID: userID, ExternalUserID: externalUserID, AddTime: &at, State: state}
	x := s.db.excluded
	revive := "deleted_at IS NOT NULL AND deleted_at < " + x("add_time")
	newer := "(" + revive + ") OR (deleted_at IS NULL AND (add_time IS NULL OR add_time < " + x("add_time") + "))"
	when := func(col, cond, value string) clause.Assignment {
		return assign(col, "CASE WHEN "+cond+" THEN "+value+" ELSE "+col+" END")
	}
	// MySQL evaluates the assignments in order and shows later ones the
	// new values: state goes before add_time and deleted_at last, since
	// the conditions read their old values.
	err := s.db.with(ctx).Table("follows").Clauses(upsert(followKey, nil,
		when("state", newer, x("state")), when("add_time", newer, x("add_time")),
		when("deleted_by", revive, "''"), when("deleted_at", revive, "NULL"))).
		Omit("id", "TagIDs").Create(&f).Error
	return domainError(err, "跟进关系")
}
