package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

// SeedStore is the bulk side of the test and benchmark data generator
// (app/seed): it writes generated rows straight into any table, in
// multi-row INSERTs of literal values, with the checks a bulk load may
// skip turned off. It is a fixture tool: nothing of Siyu's own flows
// use it, and `siyu seed` refuses to run in production.
type SeedStore struct{ db *DB }

var _ app.SeedStore = (*SeedStore)(nil)

// NewSeedStore returns the generator's store on d.
func NewSeedStore(d *DB) *SeedStore { return &SeedStore{db: d} }

// HasTable reports whether the schema has table (a table of a migration
// not yet applied is left out of the seed).
func (s *SeedStore) HasTable(ctx context.Context, table string) (bool, error) {
	tables, err := s.db.Tables(ctx)
	if err != nil {
		return false, err
	}
	return slices.Contains(tables, table), nil
}

// NextID returns an id above every id of table, so generated rows can
// carry their ids (and be referred to) without reading them back.
func (s *SeedStore) NextID(ctx context.Context, table string) (int64, error) {
	var max sql.NullInt64
	if err := s.db.sql.QueryRowContext(ctx, "SELECT MAX(id) FROM "+table).Scan(&max); err != nil {
		return 0, fmt.Errorf("seed: next id of %s: %w", table, err)
	}
	return max.Int64 + 1, nil
}

// IDs returns the ids of corpID's rows of table by their key column
// (stores by code, guides by userid…), for reusing what a corp has.
func (s *SeedStore) IDs(ctx context.Context, corpID int64, table, key string) (map[string]int64, error) {
	rows, err := s.db.sql.QueryContext(ctx, "SELECT "+key+", id FROM "+table+" WHERE corp_id = ?", corpID)
	if err != nil {
		return nil, fmt.Errorf("seed: ids of %s: %w", table, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, err
		}
		out[k] = id
	}
	return out, rows.Err()
}

// Exists reports whether corpID has a row of table whose col is value.
func (s *SeedStore) Exists(ctx context.Context, corpID int64, table, col, value string) (bool, error) {
	var n int
	err := s.db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table+" WHERE corp_id = ? AND "+col+" = ?", corpID, value).Scan(&n)
	return n > 0, err
}

// RuleVersions returns the ids of corpID's corp-wide (scope 0)
// attribution rule versions, oldest first.
func (s *SeedStore) RuleVersions(ctx context.Context, corpID int64) ([]int64, error) {
	var ids []int64
	err := s.db.with(ctx).Table("attribution_rules").Where("corp_id = ? AND scope = 0", corpID).Order("version").Pluck("id", &ids).Error
	return ids, err
}

// Update sets columns of corpID's row id of table.
func (s *SeedStore) Update(ctx context.Context, corpID int64, table string, id int64, set map[string]any) error {
	return s.db.with(ctx).Table(table).Where("corp_id = ? AND id = ?", corpID, id).Updates(set).Error
}

// Analyze refreshes the optimiser's statistics of tables after a load:
// without them SQLite picks, say, a touch's kind index over its member's.
func (s *SeedStore) Analyze(ctx context.Context, tables []string) error {
	if len(tables) == 0 {
		return nil
	}
	if s.db.dialect == config.DriverMySQL {
		_, err := s.db.sql.ExecContext(ctx, "ANALYZE TABLE "+strings.Join(tables, ", "))
		return err
	}
	for _, t := range tables {
		if _, err := s.db.sql.ExecContext(ctx, "ANALYZE "+t); err != nil {
			return err
		}
	}
	return nil
}

// Writer opens a bulk writer on a connection of its own. Writers may run
// in parallel on MySQL; SQLite has one writer at a time, so use one.
func (s *SeedStore) Writer(ctx context.Context) (app.SeedWriter, error) {
	conn, err := s.db.sql.Conn(ctx)
	if err != nil {
		return nil, err
	}
	// A bulk load of generated, consistent rows need not check each one
	// against its foreign keys (which would also fix the order tables are
	// flushed in), nor probe unique keys row by row.
	set := []string{"PRAGMA foreign_keys = OFF"}
	if s.db.dialect == config.DriverMySQL {
		set = []string{"SET SESSION foreign_key_checks = 0", "SET SESSION unique_checks = 0"}
	}
	for _, q := range set {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			conn.Close()
			return nil, fmt.Errorf("seed: %s: %w", q, err)
		}
	}
	return &SeedWriter{conn: conn, mysql: s.db.dialect == config.DriverMySQL, tables: map[string]*seedTable{}}, nil
}

// seedFlushBytes is how large a multi-row INSERT grows before it is sent
// (well under MySQL's default max_allowed_packet of 16 MiB).
const seedFlushBytes = 1 << 20

// seedAttempts bounds the retries of an INSERT chosen as a deadlock victim.
const seedAttempts = 5

// SeedWriter buffers generated rows per table and writes each table's
// rows in multi-row INSERTs. Not safe for concurrent use: open one per
// goroutine.
type SeedWriter struct {
	conn   *sql.Conn
	mysql  bool
	tables map[string]*seedTable
	order  []string
}

// seedTable is one table's pending INSERT.
type seedTable struct {
	head string // INSERT INTO t (cols) VALUES
	buf  []byte
	rows int
}

// Row adds one row of table (columns cols, values vals: nil, bool,
// int, int64, string or time.Time) and sends the table's INSERT once it
// is large.
func (w *SeedWriter) Row(ctx context.Context, table string, cols []string, vals ...any) error {
	t := w.tables[table]
	if t == nil {
		t = &seedTable{head: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "}
		w.tables[table] = t
		w.order = append(w.order, table)
	}
	if len(vals) != len(cols) {
		return fmt.Errorf("seed: %s: %d values for %d columns", table, len(vals), len(cols))
	}
	mark := len(t.buf)
	if t.rows == 0 {
		mark = 0
		t.buf = append(t.buf[:0], t.head...)
	} else {
		t.buf = append(t.buf, ',')
	}
	var ok bool
	if t.buf, ok = w.appendRow(t.buf, vals); !ok {
		t.buf = t.buf[:mark]
		return fmt.Errorf("seed: %s: a value of a type it cannot write in %v", table, vals)
	}
	t.rows++
	if len(t.buf) >= seedFlushBytes {
		return w.send(ctx, t)
	}
	return nil
}

// Flush sends every table's pending rows, in the order tables were first
// written.
func (w *SeedWriter) Flush(ctx context.Context) error {
	for _, name := range w.order {
		if err := w.send(ctx, w.tables[name]); err != nil {
			return err
		}
	}
	return nil
}

// Close flushes and releases the connection, its checks turned back on.
func (w *SeedWriter) Close(ctx context.Context) error {
	err := w.Flush(ctx)
	reset := "PRAGMA foreign_keys = ON"
	if w.mysql {
		reset = "SET SESSION foreign_key_checks = 1, unique_checks = 1"
	}
	if _, e := w.conn.ExecContext(ctx, reset); e != nil && err == nil {
		err = e
	}
	return errors.Join(err, w.conn.Close())
}

func (w *SeedWriter) send(ctx context.Context, t *seedTable) error {
	if t.rows == 0 {
		return nil
	}
	var err error
	for range seedAttempts {
		if _, err = w.conn.ExecContext(ctx, string(t.buf)); !lockConflict(err) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("seed: %s: %w", t.head[:min(len(t.head), 40)], err)
	}
	t.rows = 0
	return nil
}
