package db

import (
	"context"
	"database/sql/driver"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
)

// explosive is a column value whose conversion panics mid-statement.
type explosive struct{}

func (explosive) Value() (driver.Value, error) { panic("boom") }

// The embedded default's writers all get through the gate when many write
// at once, in and out of transactions, and a statement that panics while
// holding it hands it on: the next write does not wait.
func TestWriteGate(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, config.Database{Driver: config.DriverSQLite, DSN: filepath.Join(t.TempDir(), "gate.db"),
		MaxOpenConns: 10, MaxIdleConns: 5}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	defer d.Close()
	_, err = d.SQL().Exec("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)")
	require.NoError(t, err)

	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			if i%2 == 0 {
				assert.NoError(t, d.gorm.WithContext(ctx).Exec("INSERT INTO t (v) VALUES (?)", "plain").Error)
				return
			}
			assert.NoError(t, d.InTx(ctx, func(ctx context.Context) error {
				return d.with(ctx).Table("t").Create(map[string]any{"v": "in tx"}).Error
			}))
		})
	}
	wg.Wait()
	var n int
	require.NoError(t, d.SQL().QueryRow("SELECT COUNT(*) FROM t").Scan(&n))
	assert.Equal(t, 40, n)

	assert.Panics(t, func() { d.gorm.WithContext(ctx).Table("t").Create(map[string]any{"v": explosive{}}) })
	start := time.Now()
	require.NoError(t, d.gorm.WithContext(ctx).Exec("INSERT INTO t (v) VALUES (?)", "after").Error)
	assert.Less(t, time.Since(start), gateWait/2, "the gate was handed on after the panic")
}
