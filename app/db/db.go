// Package db implements Siyu's stores with gorm, on MySQL/MariaDB in
// production and on pure-Go SQLite for the embedded default. The same
// queries serve both dialects; the schema comes from goose migrations.
package db

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/siyu-scrm/siyu/app/config"
)

// slowStatement is how long a statement may take before it is logged.
const slowStatement = 200 * time.Millisecond

// DB is an open database with the dialect it speaks.
type DB struct {
	gorm    *gorm.DB
	sql     *sql.DB
	dialect string
	gate    writeGate // SQLite only: one writer at a time, in turn
}

// Open connects to the database that cfg names and checks it answers.
func Open(ctx context.Context, cfg config.Database, log *slog.Logger) (*DB, error) {
	dialector, err := dialectorFor(ctx, cfg)
	if err != nil {
		return nil, err
	}
	g, err := gorm.Open(dialector, &gorm.Config{
		NowFunc: func() time.Time { return time.Now().UTC().Truncate(time.Millisecond) },
		Logger: expectedErrors{Interface: logger.NewSlogLogger(log, logger.Config{SlowThreshold: slowStatement,
			LogLevel: logger.Warn, IgnoreRecordNotFoundError: true}), level: logger.Warn, slow: slowStatement},
		SkipDefaultTransaction: true,
		TranslateError:         true,
	})
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", cfg.Driver, err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(cfg.MaxOpenConns)
	sqlDB.SetMaxIdleConns(cfg.MaxIdleConns)
	sqlDB.SetConnMaxLifetime(cfg.ConnMaxLifetime)
	db := &DB{gorm: g, sql: sqlDB, dialect: cfg.Driver}
	if cfg.Driver == config.DriverSQLite {
		db.gate = make(writeGate, 1)
		if err := db.gateWrites(); err != nil {
			sqlDB.Close()
			return nil, err
		}
	}
	if err := db.Ping(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open %s database: %w", cfg.Driver, err)
	}
	return db, nil
}

func dialectorFor(ctx context.Context, cfg config.Database) (gorm.Dialector, error) {
	switch cfg.Driver {
	case config.DriverMySQL:
		dsn, err := MySQLDSN(cfg.DSN)
		if err == nil {
			dsn, err = readCommitted(ctx, dsn)
		}
		if err != nil {
			return nil, err
		}
		return mysql.Open(dsn), nil
	case config.DriverSQLite:
		dsn, err := SQLiteDSN(cfg.DSN)
		if err != nil {
			return nil, err
		}
		return sqlite.Open(dsn), nil
	}
	return nil, fmt.Errorf("unknown database driver %q", cfg.Driver)
}

// Dialect is "mysql" or "sqlite".
func (db *DB) Dialect() string { return db.dialect }

// SQL exposes the connection pool for migrations and raw checks.
func (db *DB) SQL() *sql.DB { return db.sql }

// Ping checks the database answers within a short deadline, so a readiness
// probe never hangs on a dead server.
func (db *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return db.sql.PingContext(ctx)
}

// Close releases every connection.
func (db *DB) Close() error { return db.sql.Close() }
