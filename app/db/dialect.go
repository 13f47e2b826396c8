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
