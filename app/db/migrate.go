package db

import (
	"context"
	"fmt"

	"github.com/pressly/goose/v3"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/migrations"
)

// Migrator applies the embedded SQL migrations of the database's dialect.
type Migrator struct {
	p *goose.Provider
}

// Migrator returns a migrator bound to db. It uses goose's provider API, so
// no goose package state is touched and tests can migrate many databases at
// once.
func (db *DB) Migrator() (*Migrator, error) {
	dialect := goose.DialectSQLite3
	if db.dialect == config.DriverMySQL {
		dialect = goose.DialectMySQL
	}
	fsys, err := migrations.FS(db.dialect)
	if err != nil {
		return nil, err
	}
	p, err := goose.NewProvider(dialect, db.sql, fsys)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return &Migrator{p: p}, nil
}

// Up applies every pending migration.
func (m *Migrator) Up(ctx context.Context) ([]*goose.MigrationResult, error) {
	return m.p.Up(ctx)
}

// Down rolls back the latest applied migration.
func (m *Migrator) Down(ctx context.Context) (*goose.MigrationResult, error) {
	return m.p.Down(ctx)
}

// DownTo rolls back until the database is at version (0 = empty).
func (m *Migrator) DownTo(ctx context.Context, version int64) ([]*goose.MigrationResult, error) {
	return m.p.DownTo(ctx, version)
}

// Status lists every known migration with whether it is applied.
func (m *Migrator) Status(ctx context.Context) ([]*goose.MigrationStatus, error) {
	return m.p.Status(ctx)
}

// Versions returns the database's version and the newest this binary knows.
func (m *Migrator) Versions(ctx context.Context) (current, target int64, err error) {
	return m.p.GetVersions(ctx)
}

// RequireCurrent fails unless the schema is exactly what this binary
// expects, so a production process never runs against a half-migrated or
// newer database.
func (m *Migrator) RequireCurrent(ctx context.Context) error {
	current, target, err := m.Versions(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current != target {
		return fmt.Errorf("database schema is at version %d but this binary needs %d: run `siyu migrate up`", current, target)
	}
	return nil
}
