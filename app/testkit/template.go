package testkit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/migrations"
)

// Migrating a fresh database costs seconds under the race detector, and
// the suite makes hundreds. So each dialect's migrations run once per
// schema — named by a hash of the migration files, so a changed migration
// makes a new template — and a test's fresh database is a copy of that
// template: a file copy on SQLite, the tables' definitions and rows on
// MariaDB (template.go, template_mysql.go).

// schemaHash names the schema the migrations of dialect build.
func schemaHash(t testing.TB, dialect string) string {
	t.Helper()
	fsys, err := migrations.FS(dialect)
	require.NoError(t, err)
	names, err := fs.Glob(fsys, "*.sql")
	require.NoError(t, err)
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		require.NoError(t, err)
		h.Write([]byte(n))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// sqliteTemplates are the template files this process made or found, by
// schema.
var sqliteTemplates sync.Map // hash → *sync.Once-guarded path

type sqliteTemplate struct {
	once sync.Once
	path string
	err  error
}

// migratedSQLite is a fresh SQLite database in t's temporary folder,
// copied from the migrated template.
func migratedSQLite(t testing.TB) *db.DB {
	t.Helper()
	v, _ := sqliteTemplates.LoadOrStore(schemaHash(t, config.DriverSQLite), &sqliteTemplate{})
	tpl := v.(*sqliteTemplate)
	tpl.once.Do(func() { tpl.path, tpl.err = makeSQLiteTemplate(t) })
	require.NoError(t, tpl.err, "SQLite template")
	path := filepath.Join(t.TempDir(), "siyu.db")
	require.NoError(t, copyFile(tpl.path, path))
	return OpenDB(t, config.Database{Driver: config.DriverSQLite, DSN: path, MaxOpenConns: 10, MaxIdleConns: 5})
}

// makeSQLiteTemplate migrates the template of the current schema, shared
// by every test process on the machine (os.TempDir()/siyu-test-templates):
// written under a temporary name and renamed, so a reader never sees half.
func makeSQLiteTemplate(t testing.TB) (string, error) {
	dir := filepath.Join(os.TempDir(), "siyu-test-templates")
	path := filepath.Join(dir, "sqlite-"+schemaHash(t, config.DriverSQLite)+".db")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(dir, "making-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	d, err := db.Open(context.Background(), config.Database{Driver: config.DriverSQLite, DSN: filepath.Join(tmp, "siyu.db"), MaxOpenConns: 1}, Logger(t))
	if err != nil {
		return "", err
	}
	m, err := d.Migrator()
	if err == nil {
		_, err = m.Up(context.Background())
	}
	if err == nil {
		_, err = d.SQL().Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	if cErr := d.Close(); err == nil {
		err = cErr
	}
	if err != nil {
		return "", err
	}
	return path, os.Rename(filepath.Join(tmp, "siyu.db"), path)
}

// copyFile copies the file from to to.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
