package db

import (
	"context"

	"gorm.io/gorm"
)

// InTx runs fn in one transaction on a DB bound to it; stores built on that
// DB inside fn write atomically. An error or panic in fn rolls back.
func (db *DB) InTx(ctx context.Context, fn func(tx *DB) error) error {
	return db.with(ctx).Transaction(func(g *gorm.DB) error {
		return fn(&DB{gorm: g, sql: db.sql, dialect: db.dialect})
	})
}
