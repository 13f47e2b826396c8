package testkit

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/db"
)

// QueryRows runs q on d and returns every row's columns as text (NULL as
// ""), for tests that compare what a table holds with what they expect.
func QueryRows(t testing.TB, d *db.DB, q string, args ...any) [][]string {
	t.Helper()
	rs, err := d.SQL().Query(q, args...)
	require.NoError(t, err, q)
	defer rs.Close()
	cols, err := rs.Columns()
	require.NoError(t, err)
	var out [][]string
	for rs.Next() {
		raw := make([]sql.RawBytes, len(cols))
		ptrs := make([]any, len(cols))
		for i := range raw {
			ptrs[i] = &raw[i]
		}
		require.NoError(t, rs.Scan(ptrs...))
		row := make([]string, len(cols))
		for i, b := range raw {
			row[i] = string(b)
		}
		out = append(out, row)
	}
	require.NoError(t, rs.Err())
	return out
}
