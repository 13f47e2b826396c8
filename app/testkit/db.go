package testkit

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
)

// EachDB runs fn once per dialect, each on its own fresh, migrated database,
// so every store test proves the same behaviour on MySQL and SQLite. Under
// OnGalera it runs fn once, as "galera", on the Galera cluster.
func EachDB(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	if OnGalera() {
		t.Run("galera", func(t *testing.T) { fn(t, MigratedDB(t, config.DriverMySQL)) })
		return
	}
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) { fn(t, MigratedDB(t, driver)) })
	}
}

// MigratedDB opens a fresh database of driver with every migration
// applied: a copy of the migrated template (template.go).
func MigratedDB(t testing.TB, driver string) *db.DB {
	t.Helper()
	if driver == config.DriverSQLite {
		return migratedSQLite(t)
	}
	return migratedMySQL(t, mysqlFor(t))
}

// OpenMigrated opens cfg and applies every migration.
func OpenMigrated(t testing.TB, cfg config.Database) *db.DB {
	t.Helper()
	d := OpenDB(t, cfg)
	m, err := d.Migrator()
	require.NoError(t, err)
	_, err = m.Up(context.Background())
	require.NoError(t, err, "migrate %s", cfg.Driver)
	return d
}

// OpenDB opens cfg and closes it when t ends.
func OpenDB(t testing.TB, cfg config.Database) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), cfg, Logger(t))
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	return d
}

// DatabaseConfig returns the configuration of a new, empty database: a file
// in a temporary folder for SQLite, or a database created on the test
// MariaDB server (or, under OnGalera, the Galera cluster) and dropped when
// t ends.
func DatabaseConfig(t testing.TB, driver string) config.Database {
	t.Helper()
	if driver == config.DriverSQLite {
		return config.Database{Driver: driver, DSN: filepath.Join(t.TempDir(), "siyu.db"), MaxOpenConns: 10, MaxIdleConns: 5}
	}
	srv := mysqlFor(t)
	return srv.config(t, createMySQLDatabase(t, srv))
}

// createMySQLDatabase creates a database on srv, dropped when t ends, and
// returns its name.
func createMySQLDatabase(t testing.TB, srv mysqlServer) string {
	t.Helper()
	name := RandomName("siyu_t_")
	admin := srv.admin(t)
	defer admin.Close()
	_, err := admin.Exec(fmt.Sprintf("CREATE DATABASE `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", name))
	require.NoError(t, err, "create test database")
	t.Cleanup(func() { dropMySQLDatabase(t, srv, name) })
	return name
}

func dropMySQLDatabase(t testing.TB, srv mysqlServer, name string) {
	if srv.galera {
		srv.consistent(t)
	}
	admin := srv.admin(t)
	defer admin.Close()
	if _, err := admin.Exec(fmt.Sprintf("DROP DATABASE IF EXISTS `%s`", name)); err != nil {
		t.Errorf("drop test database %s: %v", name, err)
	}
}
