package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// OrgStore keeps a corp's organisation: brands, regions, stores (and the
// online team) and guides. It checks nothing the schema does not; rules
// and validation live in app/org, which calls it inside a transaction.
// Every query is scoped by corp_id, so an id of another corp is not found.
type OrgStore struct{ db *DB }

// NewOrgStore returns an OrgStore on db (or on a transaction).
func NewOrgStore(db *DB) *OrgStore { return &OrgStore{db: db} }

// Default page size of organisation lists.
const defaultOrgPage = 50

// updateRow sets values on the row id of corpID in table; dup names what
// a unique clash means. MySQL counts only changed rows, so an update that
// changes nothing is told apart from a missing row by looking the row up.
func (s *OrgStore) updateRow(ctx context.Context, table string, corpID, id int64, values map[string]any, what, dup string) error {
	values["updated_at"] = time.Now().UTC()
	res := s.db.with(ctx).Table(table).Where("corp_id = ? AND id = ?", corpID, id).Updates(values)
	if res.Error != nil || res.RowsAffected > 0 {
		return domainError(res.Error, dup)
	}
	return s.exists(ctx, table, corpID, id, what)
}

// exists is nil when table holds row id of corpID, else not found.
func (s *OrgStore) exists(ctx context.Context, table string, corpID, id int64, what string) error {
	var n int64
	if err := s.db.with(ctx).Table(table).Where("corp_id = ? AND id = ?", corpID, id).Count(&n).Error; err != nil {
		return domainError(err, what)
	}
	if n == 0 {
		return app.Errorf(app.ENOTFOUND, "%s不存在", what)
	}
	return nil
}

// deleteUnused deletes row id of corpID from table unless a store still
// refers to it through column: brands and regions go only when unused.
func (s *OrgStore) deleteUnused(ctx context.Context, table, column string, corpID, id int64, what string) error {
	var n int64
	if err := s.db.with(ctx).Table("stores").Where("corp_id = ? AND "+column+" = ?", corpID, id).Count(&n).Error; err != nil {
		return domainError(err, what)
	}
	if n > 0 {
		return app.Errorf(app.ECONFLICT, "仍有 %d 家门店属于该%s，不能删除", n, what)
	}
	res := s.db.with(ctx).Table(table).Where("corp_id = ? AND id = ?", corpID, id).Delete(map[string]any{})
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "%s不存在", what)
	}
	return domainError(res.Error, what)
}

// findBy reads the corp's row of table whose column holds value: the one
// lookup behind every Find of the organisation and admin stores. The row
// comes back even on error, empty, so a caller may read its ID either way.
func findBy[T any](ctx context.Context, d *DB, table string, corpID int64, column string, value any, what string) (*T, error) {
	var row T
	err := d.with(ctx).Table(table).Where("corp_id = ? AND "+column+" = ?", corpID, value).Take(&row).Error
	return &row, domainError(err, what)
}

// listIn reads a page of the corp's rows of table in id order; id gives a
// row's id for the next cursor.
func listIn[T any](ctx context.Context, d *DB, table string, corpID int64, p app.Page, id func(T) int64, what string) ([]T, int64, error) {
	var rows []T
	err := page(d.with(ctx).Table(table).Where("corp_id = ?", corpID), p, defaultOrgPage).Find(&rows).Error
	rows, next := cut(rows, p, defaultOrgPage, id)
	return rows, next, domainError(err, what)
}
