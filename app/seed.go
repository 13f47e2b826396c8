package app

import "context"

// SeedStore is what the data generator (app/seed, `siyu seed`) writes
// through: a fixture tool for tests, demos and benchmarks that fills a
// corp's tables directly, never used by Siyu's own flows.
type SeedStore interface {
	// HasTable reports whether the schema has table.
	HasTable(ctx context.Context, table string) (bool, error)
	// NextID returns an id above every id of table.
	NextID(ctx context.Context, table string) (int64, error)
	// IDs returns the ids of corpID's rows of table by their key column.
	IDs(ctx context.Context, corpID int64, table, key string) (map[string]int64, error)
	// Exists reports whether corpID has a row of table whose col is value.
	Exists(ctx context.Context, corpID int64, table, col, value string) (bool, error)
	// RuleVersions returns the ids of corpID's corp-wide attribution rule
	// versions, oldest first.
	RuleVersions(ctx context.Context, corpID int64) ([]int64, error)
	// Update sets columns of corpID's row id of table (counts the
	// generator knows only once its rows are written).
	Update(ctx context.Context, corpID int64, table string, id int64, set map[string]any) error
	// Analyze refreshes the optimiser's statistics of tables.
	Analyze(ctx context.Context, tables []string) error
	// Writer opens a bulk writer of its own (one per goroutine).
	Writer(ctx context.Context) (SeedWriter, error)
}

// SeedWriter buffers rows and writes them in multi-row INSERTs.
type SeedWriter interface {
	// Row adds a row of table: vals (nil, bool, int, int64, string or
	// time.Time) in the order of cols.
	Row(ctx context.Context, table string, cols []string, vals ...any) error
	// Flush writes every buffered row.
	Flush(ctx context.Context) error
	// Close flushes and releases the writer.
	Close(ctx context.Context) error
}
