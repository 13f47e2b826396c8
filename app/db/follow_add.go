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
// newer); an active row keeps what it has (a read from WeCom knows more);
// a row deleted before at is revived, since this is a re-add. The
// customer's own row comes with the detail read that follows.
func (s *DirectoryStore) RecordAdd(ctx context.Context, corpID int64, userID, externalUserID, state string, at time.Time) error {
	f := app.Follow{CorpID: corpID, UserID: userID, ExternalUserID: externalUserID, AddTime: &at, State: state}
	revive := "deleted_at IS NOT NULL AND deleted_at < " + s.db.excluded("add_time")
	when := func(col, value string) clause.Assignment {
		return assign(col, "CASE WHEN "+revive+" THEN "+value+" ELSE "+col+" END")
	}
	// deleted_at goes last: MySQL evaluates the assignments in order, and
	// the others test its old value.
	err := s.db.with(ctx).Table("follows").Clauses(upsert(followKey, nil,
		when("add_time", s.db.excluded("add_time")), when("state", s.db.excluded("state")),
		when("deleted_by", "''"), when("deleted_at", "NULL"))).
		Omit("id", "TagIDs").Create(&f).Error
	return domainError(err, "跟进关系")
}
