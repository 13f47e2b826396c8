package db

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
)

// MySQLDSN enforces what Siyu relies on whatever the operator wrote: times
// parsed into time.Time and read and written as UTC (the session time zone
// too, so NOW() agrees), utf8mb4 so every Chinese name and emoji fits, and
// client-side parameter interpolation, which the driver does safely for
// utf8mb4 and which spares every statement a prepare and a close round
// trip (half of an event's database time otherwise).
func MySQLDSN(dsn string) (string, error) {
	c, err := mysql.ParseDSN(dsn)
	if err != nil {
		return "", fmt.Errorf("database.dsn: %w", err)
	}
	c.ParseTime = true
	c.Loc = time.UTC
	if c.Params == nil {
		c.Params = map[string]string{}
	}
	c.Params["time_zone"] = "'+00:00'"
	c.Params["charset"] = "utf8mb4"
	c.Collation = "utf8mb4_unicode_ci"
	c.InterpolateParams = true
	return c.FormatDSN(), nil
}

// SQLiteDSN turns a file path (optionally with query options) into a DSN
// with the pragmas the embedded default needs: foreign keys enforced, WAL so
// readers do not block the writer, a busy timeout instead of instant
// "database is locked" errors, and immediate write transactions so two
// writers queue rather than deadlock on lock upgrade.
func SQLiteDSN(dsn string) (string, error) {
	path, query, _ := strings.Cut(dsn, "?")
	q, err := url.ParseQuery(query)
	if err != nil {
		return "", fmt.Errorf("database.dsn: %w", err)
	}
	if path != ":memory:" && !strings.HasPrefix(path, "file::memory:") {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return "", fmt.Errorf("database.dsn: %w", err)
		}
	}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	if q.Get("_txlock") == "" {
		q.Set("_txlock", "immediate")
	}
	return path + "?" + q.Encode(), nil
}
