package db_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// Without READ COMMITTED the inbox's finish updates and the receivers'
// inserts deadlock on InnoDB gap locks under load; Open sets it per
// connection, whichever name (MySQL's or MariaDB's) the server uses. Three
// connections are held at once, so each is a distinct one from the pool.
func TestConnectionsRunReadCommitted(t *testing.T) {
	d := testkit.MigratedDB(t, config.DriverMySQL)
	ctx := context.Background()
	var conns []*sql.Conn
	for range 3 {
		c, err := d.SQL().Conn(ctx)
		require.NoError(t, err)
		conns = append(conns, c)
	}
	for _, c := range conns {
		var level string
		err := c.QueryRowContext(ctx, "SELECT @@tx_isolation").Scan(&level)
		if err != nil {
			err = c.QueryRowContext(ctx, "SELECT @@transaction_isolation").Scan(&level)
		}
		require.NoError(t, err)
		assert.Equal(t, "READ-COMMITTED", strings.ToUpper(level))
		require.NoError(t, c.Close())
	}
}
