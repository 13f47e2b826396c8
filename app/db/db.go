// Package db implements Siyu's stores with gorm, on MySQL/MariaDB in
// production and on pure-Go SQLite for the embedded default. The same
// queries serve both dialects; the schema comes from goose migrations.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

// slowStatement is how long a statement may take before it is logged.
const slowStatement = 200 * time.Millisecond

// DB is an open database with the dialect it speaks.
type DB struct {
	gorm    *gorm.DB
	sql     *sql.DB
	dialect string
	gate    writeGate        // SQLite only: one writer at a time, in turn
	galera  *galeraConnector // on a Galera cluster's nodes (galera.go), else nil
}

// Open connects to the database that cfg names and checks it answers.
func Open(ctx context.Context, cfg config.Database, log *slog.Logger) (*DB, error) {
	dialector, nodes, err := dialectorFor(ctx, cfg)
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
	db := &DB{gorm: g, sql: sqlDB, dialect: cfg.Driver, galera: nodes}
	if cfg.Driver == config.DriverSQLite {
		db.gate = make(writeGate, 1)
		if err := db.gateWrites(); err != nil {
			sqlDB.Close()
			return nil, err
		}
	}
	if err := db.Ping(ctx); err != nil && !errors.As(err, new(app.Degraded)) {
		sqlDB.Close()
		return nil, fmt.Errorf("open %s database: %w", cfg.Driver, err)
	}
	return db, nil
}

// dialectorFor returns the dialector cfg names and, on a Galera
// cluster, the connector spreading its connections over the nodes.
func dialectorFor(ctx context.Context, cfg config.Database) (gorm.Dialector, *galeraConnector, error) {
	switch cfg.Driver {
	case config.DriverMySQL:
		dsn, err := MySQLDSN(cfg.DSN)
		if err != nil {
			return nil, nil, err
		}
		if len(cfg.Nodes) > 0 {
			return galeraDialector(ctx, dsn, cfg.Nodes)
		}
		if dsn, err = readCommitted(ctx, dsn); err != nil {
			return nil, nil, err
		}
		return mysql.Open(dsn), nil, nil
	case config.DriverSQLite:
		dsn, err := SQLiteDSN(cfg.DSN)
		if err != nil {
			return nil, nil, err
		}
		return sqlite.Open(dsn), nil, nil
	}
	return nil, nil, fmt.Errorf("unknown database driver %q", cfg.Driver)
}

// galeraDialector opens the pool on a Galera cluster's nodes (galera.go).
func galeraDialector(ctx context.Context, dsn string, nodes []string) (gorm.Dialector, *galeraConnector, error) {
	probe, err := newGaleraConnector(dsn, nodes)
	if err != nil {
		return nil, nil, err
	}
	if dsn, err = readCommittedOn(ctx, sql.OpenDB(probe), dsn); err != nil {
		return nil, nil, err
	}
	conn, err := newGaleraConnector(dsn, nodes)
	if err != nil {
		return nil, nil, err
	}
	return mysql.New(mysql.Config{DSN: dsn, Conn: sql.OpenDB(conn)}), conn, nil
}

// Dialect is "mysql" or "sqlite".
func (db *DB) Dialect() string { return db.dialect }

// SQL exposes the connection pool for migrations and raw checks.
func (db *DB) SQL() *sql.DB { return db.sql }

// Ping checks the database answers within a short deadline, so a readiness
// probe never hangs on a dead server.
// On a Galera cluster it asks every node, naming each one out of the
// cluster (galeraConnector.ping).
func (db *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if db.galera != nil {
		return db.galera.ping(ctx)
	}
	return db.sql.PingContext(ctx)
}

// Close releases every connection.
func (db *DB) Close() error { return db.sql.Close() }
