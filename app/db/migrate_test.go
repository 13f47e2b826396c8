package db_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// TestMigrationsRoundTrip applies both trees up, down to zero and up again,
// then checks both dialects end with the same tables and columns, so the
// SQLite default never drifts from production MySQL.
func TestMigrationsRoundTrip(t *testing.T) {
	ctx := context.Background()
	schemas := map[string]map[string][]string{}
	for _, driver := range []string{config.DriverMySQL, config.DriverSQLite} {
		t.Run(driver, func(t *testing.T) {
			d := testkit.OpenDB(t, testkit.DatabaseConfig(t, driver))
			m, err := d.Migrator()
			require.NoError(t, err)

			_, err = m.Up(ctx)
			require.NoError(t, err, "first up")
			up := schemaOf(t, d)
			require.NotEmpty(t, up)
			require.NoError(t, m.RequireCurrent(ctx))

			_, err = m.DownTo(ctx, 0)
			require.NoError(t, err, "down to zero")
			assert.Empty(t, schemaOf(t, d), "down to zero leaves no table behind")
			require.Error(t, m.RequireCurrent(ctx), "an empty database is not current")

			_, err = m.Up(ctx)
			require.NoError(t, err, "second up")
			assert.Equal(t, up, schemaOf(t, d), "up again gives the same schema")
			schemas[driver] = up
		})
	}
	if len(schemas) == 2 {
		assert.Equal(t, schemas[config.DriverMySQL], schemas[config.DriverSQLite],
			"mysql and sqlite migrations must define the same tables and columns")
	}
}

// schemaOf lists user tables with their sorted column names, leaving out
// goose's bookkeeping and SQLite's internal tables.
func schemaOf(t *testing.T, d *db.DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	tables, err := d.Tables(context.Background())
	require.NoError(t, err)
	for _, table := range tables {
		if table == "goose_db_version" || strings.HasPrefix(table, "sqlite_") {
			continue
		}
		cols, err := d.Columns(context.Background(), table)
		require.NoError(t, err)
		sort.Strings(cols)
		out[table] = cols
	}
	return out
}
