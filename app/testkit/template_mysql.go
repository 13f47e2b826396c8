package testkit

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
)

// registry is the database whose table templates names each schema's
// finished template. A test process that finds none migrates one of its
// own under a random name and registers it unless another process did so
// first (then it drops its own): no lock, so nothing GET_LOCK-like, which
// a Galera cluster would not share between nodes, and nothing left held
// by a process that died.
const registry = "siyu_test_templates"

// migratedMySQL is a fresh database on srv with the schema and rows of the
// migrated template.
func migratedMySQL(t testing.TB, srv mysqlServer) *db.DB {
	t.Helper()
	return OpenDB(t, migratedMySQLConfig(t, srv))
}

// migratedMySQLConfig is the configuration of a fresh database on srv with
// the schema and rows of the migrated template.
func migratedMySQLConfig(t testing.TB, srv mysqlServer) config.Database {
	t.Helper()
	admin := srv.admin(t)
	defer admin.Close()
	ctx := context.Background()
	tpl, err := mysqlTemplate(t, ctx, admin, srv, schemaHash(t, config.DriverMySQL))
	require.NoError(t, err, "MariaDB template")
	name := createMySQLDatabase(t, srv)
	require.NoError(t, cloneMySQL(ctx, admin, tpl, name), "copy the template %s into %s", tpl, name)
	return srv.config(t, name)
}

// mysqlTemplate returns the registered template of schema hash, making it
// if there is none.
func mysqlTemplate(t testing.TB, ctx context.Context, admin *sql.DB, srv mysqlServer, hash string) (string, error) {
	for _, q := range []string{"CREATE DATABASE IF NOT EXISTS `" + registry + "`",
		"CREATE TABLE IF NOT EXISTS `" + registry + "`.templates (hash VARCHAR(64) PRIMARY KEY, db VARCHAR(64) NOT NULL) ENGINE=InnoDB"} {
		if _, err := admin.ExecContext(ctx, q); err != nil {
			return "", err
		}
	}
	var tpl string
	err := admin.QueryRowContext(ctx, "SELECT db FROM `"+registry+"`.templates WHERE hash = ?", hash).Scan(&tpl)
	if err != sql.ErrNoRows {
		return tpl, err
	}
	tpl = RandomName("siyu_tpl_" + hash + "_")
	if err := makeMySQLTemplate(t, ctx, admin, srv, tpl); err != nil {
		return "", err
	}
	res, err := admin.ExecContext(ctx, "INSERT IGNORE INTO `"+registry+"`.templates (hash, db) VALUES (?, ?)", hash, tpl)
	if n, _ := rowsAffected(res, err); n == 1 {
		return tpl, nil
	}
	// Another process registered its template first (or the insert lost
	// Galera's certification to it): use that one.
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS `"+tpl+"`"); err != nil {
		return "", err
	}
	return tpl, admin.QueryRowContext(ctx, "SELECT db FROM `"+registry+"`.templates WHERE hash = ?", hash).Scan(&tpl)
}

func rowsAffected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// makeMySQLTemplate migrates the new database tpl.
func makeMySQLTemplate(t testing.TB, ctx context.Context, admin *sql.DB, srv mysqlServer, tpl string) error {
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE `"+tpl+"` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		return err
	}
	cfg := srv.config(t, tpl)
	cfg.MaxOpenConns = 2
	d, err := db.Open(ctx, cfg, Logger(t))
	if err != nil {
		return err
	}
	defer d.Close()
	m, err := d.Migrator()
	if err == nil {
		_, err = m.Up(ctx)
	}
	return err
}

// cloneWorkers is how many sessions create a clone's tables at once:
// MariaDB spends its time per CREATE TABLE, not on the connection.
const cloneWorkers = 4

// cloneMySQL creates every table of tpl in the empty database name, as
// SHOW CREATE TABLE gives it (keys, foreign keys, auto-increment), and
// copies the rows the migrations wrote.
func cloneMySQL(ctx context.Context, admin *sql.DB, tpl, name string) error {
	tables, err := tablesOf(ctx, admin, tpl)
	if err != nil {
		return err
	}
	ddls := make([]string, len(tables))
	for i, tb := range tables {
		var ignored string
		if err := admin.QueryRowContext(ctx, "SHOW CREATE TABLE `"+tpl+"`.`"+tb+"`").Scan(&ignored, &ddls[i]); err != nil {
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

// tablesOf lists the base tables of schema.
func tablesOf(ctx context.Context, admin *sql.DB, schema string) ([]string, error) {
	rows, err := admin.QueryContext(ctx, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
		schema)
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
