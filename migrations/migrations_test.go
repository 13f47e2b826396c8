package migrations_test

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/migrations"
)

var fileName = regexp.MustCompile(`^(\d{5})_[a-z0-9_]+\.sql$`)

// The two dialect trees must carry the same versions under the same names,
// or a deployment moved from SQLite to MySQL would skip or repeat a step.
func TestDialectsHaveSameVersions(t *testing.T) {
	names := map[string][]string{}
	for _, dialect := range []string{"mysql", "sqlite"} {
		fsys, err := migrations.FS(dialect)
		require.NoError(t, err)
		entries, err := fs.ReadDir(fsys, ".")
		require.NoError(t, err)
		for _, e := range entries {
			require.Regexp(t, fileName, e.Name(), "%s/%s: name must be NNNNN_snake_case.sql", dialect, e.Name())
			body, err := fs.ReadFile(fsys, e.Name())
			require.NoError(t, err)
			assert.Contains(t, string(body), "-- +goose Down", "%s/%s needs a Down section", dialect, e.Name())
			names[dialect] = append(names[dialect], e.Name())
		}
	}
	require.NotEmpty(t, names["mysql"])
	assert.Equal(t, names["mysql"], names["sqlite"])
}
