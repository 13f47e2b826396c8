package db

import (
	"context"
	"fmt"
)

// Tables lists the tables of the connected database, for migration checks
// and the operator's `migrate status`.
func (db *DB) Tables(ctx context.Context) ([]string, error) {
	tables, err := db.with(ctx).Migrator().GetTables()
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	return tables, nil
}

// Columns lists the column names of table.
func (db *DB) Columns(ctx context.Context, table string) ([]string, error) {
	types, err := db.with(ctx).Migrator().ColumnTypes(table)
	if err != nil {
		return nil, fmt.Errorf("columns of %s: %w", table, err)
	}
	names := make([]string, len(types))
	for i, c := range types {
		names[i] = c.Name()
	}
	return names, nil
}
