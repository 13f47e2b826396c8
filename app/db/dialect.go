package db

import (
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app/config"
)

// excluded names the value an upsert tried to insert, in the dialect's
// words: VALUES(col) on MySQL, excluded.col on SQLite.
func (db *DB) excluded(col string) string {
	if db.dialect == config.DriverMySQL {
		return fmt.Sprintf("VALUES(%s)", col)
	}
	return "excluded." + col
}

// upsert returns an ON CONFLICT clause on the unique key cols that takes
// the new values of update, plus any extra assignments.
func upsert(cols []string, update []string, extra ...clause.Assignment) clause.OnConflict {
	var keys []clause.Column
	for _, c := range cols {
		keys = append(keys, clause.Column{Name: c})
	}
	set := clause.AssignmentColumns(update)
	return clause.OnConflict{Columns: keys, DoUpdates: append(set, extra...)}
}

// assign sets col to a raw SQL expression in an upsert.
func assign(col, expr string) clause.Assignment {
	return clause.Assignment{Column: clause.Column{Name: col}, Value: gorm.Expr(expr)}
}

// newerRead guards an upsert of data read from WeCom: it is true when the
// row already holds a later read (its synced_at is after the new one), so
// a slow writer cannot put an older read over a newer one.
func (db *DB) newerRead() string {
	return "synced_at IS NOT NULL AND synced_at > " + db.excluded("synced_at")
}

// newerReadWins assigns each of cols from the new row unless the row holds
// a later read, then synced_at itself. synced_at comes last because MySQL
// evaluates assignments in order and the others compare its old value.
func (db *DB) newerReadWins(cols []string, extra ...clause.Assignment) []clause.Assignment {
	var set []clause.Assignment
	for _, c := range cols {
		set = append(set, assign(c, "CASE WHEN "+db.newerRead()+" THEN "+c+" ELSE "+db.excluded(c)+" END"))
	}
	set = append(set, extra...)
	set = append(set, assign("updated_at", db.excluded("updated_at")),
		assign("synced_at", "CASE WHEN "+db.newerRead()+" THEN synced_at ELSE "+db.excluded("synced_at")+" END"))
	return set
}

// onKey is an upsert on the unique key cols doing set.
func onKey(cols []string, set []clause.Assignment) clause.OnConflict {
	c := upsert(cols, nil)
	c.DoUpdates = set
	return c
}
