package testkit

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
)

// readyTable marks a MariaDB template complete; it is not copied.
const readyTable = "zz_template_ready"

// migratedMySQL is a fresh database on the test server with the schema
// and rows of the migrated template, which the first test process to
// need it makes (under a server lock, so two packages do not both).
func migratedMySQL(t testing.TB) *db.DB {
	t.Helper()
	server := serverEnv(t, EnvMySQLDSN)
	tpl := "siyu_tpl_" + schemaHash(t, config.DriverMySQL)
	admin, err := sql.Open("mysql", server)
	require.NoError(t, err)
	defer admin.Close()
	ctx := context.Background()
	conn, err := admin.Conn(ctx) // one session: the lock is the session's
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, ensureMySQLTemplate(t, ctx, conn, server, tpl), "MariaDB template %s", tpl)
	cfg := DatabaseConfig(t, config.DriverMySQL)
	c, err := mysql.ParseDSN(cfg.DSN)
	require.NoError(t, err)
	require.NoError(t, cloneMySQL(ctx, admin, conn, tpl, c.DBName), "copy the template into %s", c.DBName)
	return OpenDB(t, cfg)
}

// ensureMySQLTemplate makes tpl on the server unless it is complete.
func ensureMySQLTemplate(t testing.TB, ctx context.Context, conn *sql.Conn, server, tpl string) error {
	var got sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK('siyu_test_template', 300)").Scan(&got); err != nil || got.Int64 != 1 {
		return fmt.Errorf("template lock: %v (%v)", err, got)
	}
	defer conn.ExecContext(ctx, "SELECT RELEASE_LOCK('siyu_test_template')")
	var n int
	err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", tpl, readyTable).Scan(&n)
	if err != nil || n == 1 {
		return err
	}
	for _, q := range []string{"DROP DATABASE IF EXISTS `" + tpl + "`", "CREATE DATABASE `" + tpl + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	c, err := mysql.ParseDSN(server)
	if err != nil {
		return err
	}
	c.DBName = tpl
	d, err := db.Open(ctx, config.Database{Driver: config.DriverMySQL, DSN: c.FormatDSN(), MaxOpenConns: 2}, Logger(t))
	if err != nil {
		return err
	}
	defer d.Close()
	m, err := d.Migrator()
	if err == nil {
		_, err = m.Up(ctx)
	}
	if err == nil {
		_, err = conn.ExecContext(ctx, "CREATE TABLE `"+tpl+"`.`"+readyTable+"` (id INT PRIMARY KEY)")
	}
	return err
}

// cloneWorkers is how many sessions create a clone's tables at once:
// MariaDB spends its time per CREATE TABLE, not on the connection.
const cloneWorkers = 4

// cloneMySQL creates every table of tpl in the empty database name, as
// SHOW CREATE TABLE gives it (keys, foreign keys, auto-increment), and
// copies the rows the migrations wrote.
func cloneMySQL(ctx context.Context, admin *sql.DB, conn *sql.Conn, tpl, name string) error {
	tables, err := tablesOf(ctx, conn, tpl)
	if err != nil {
		return err
	}
	ddls := make([]string, len(tables))
	for i, tb := range tables {
		var ignored string
		if err := conn.QueryRowContext(ctx, "SHOW CREATE TABLE `"+tpl+"`.`"+tb+"`").Scan(&ignored, &ddls[i]); err != nil {
			return err
		}
	}
	var g errgroup.Group
	for w := range cloneWorkers {
		g.Go(func() error {
			c, err := admin.Conn(ctx)
			if err != nil {
				return err
			}
			defer c.Close()
			for _, q := range []string{"USE `" + name + "`", "SET FOREIGN_KEY_CHECKS = 0"} {
				if _, err := c.ExecContext(ctx, q); err != nil {
					return err
				}
			}
			for i := w; i < len(tables); i += cloneWorkers {
				if _, err := c.ExecContext(ctx, ddls[i]); err != nil {
					return fmt.Errorf("%s: %w", tables[i], err)
				}
				if _, err := c.ExecContext(ctx, "INSERT INTO `"+tables[i]+"` SELECT * FROM `"+tpl+"`.`"+tables[i]+"`"); err != nil {
					return fmt.Errorf("rows of %s: %w", tables[i], err)
				}
			}
			_, err = c.ExecContext(ctx, "SET FOREIGN_KEY_CHECKS = 1")
			return err
		})
	}
	return g.Wait()
}

// tablesOf lists the base tables of schema but the ready mark.
func tablesOf(ctx context.Context, conn *sql.Conn, schema string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> ? ORDER BY TABLE_NAME",
		schema, readyTable)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
