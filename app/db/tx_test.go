package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// Without READ COMMITTED the inbox's finish updates and the receivers'
// inserts deadlock on InnoDB gap locks under load; Open sets it per
// connection, whichever name (MySQL's or MariaDB's) the server uses.
func TestTransactionsRunReadCommitted(t *testing.T) {
	d := testkit.MigratedDB(t, config.DriverMySQL)
	ctx := context.Background()
	for range 3 { // several connections, not just the first
		require.NoError(t, d.InTx(ctx, func(tx *db.DB) error {
			level, err := tx.SessionIsolation(ctx)
			require.NoError(t, err)
			assert.Equal(t, "READ-COMMITTED", strings.ToUpper(level))
			return nil
		}))
	}
}
