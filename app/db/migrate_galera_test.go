package db_test

import (
	"context"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// Galera replicates InnoDB tables only, and certifies and applies each
// row change by its primary key: a table without one is applied by full
// scans on every node, or not at all. Checked on the migrated schema, on
// plain MariaDB as on the cluster, so a new migration cannot add one.
func TestSchemaSuitsGalera(t *testing.T) {
	d := testkit.MigratedDB(t, config.DriverMySQL)
	ctx := context.Background()
	names := func(q string) []string {
		rows, err := d.SQL().QueryContext(ctx, q)
		require.NoError(t, err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var n string
			require.NoError(t, rows.Scan(&n))
			out = append(out, n)
		}
		require.NoError(t, rows.Err())
		return out
	}
	base := "FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'"
	require.Greater(t, len(names("SELECT TABLE_NAME "+base)), 80, "the migrated schema's tables")
	assert.Empty(t, names("SELECT TABLE_NAME "+base+` AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c
		WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')`), "tables without a primary key")
	assert.Empty(t, names("SELECT CONCAT(TABLE_NAME, ' ', ENGINE) "+base+" AND ENGINE <> 'InnoDB'"), "tables not on InnoDB")
}

// unreplicated finds, in SQL text, the locks and engines a Galera cluster
// does not replicate: user locks (GET_LOCK and its kin are one node's),
// LOCK TABLES, FLUSH … WITH READ LOCK, and tables on another engine.
var unreplicated = regexp.MustCompile(`(?i)\b(GET_LOCK|RELEASE_LOCK|RELEASE_ALL_LOCKS|IS_FREE_LOCK|IS_USED_LOCK)\s*\(|\bLOCK\s+TABLES?\b|\bWITH\s+READ\s+LOCK\b|\bENGINE\s*=\s*['"]?(\w+)`)

// unreplicatedIn returns what of unreplicated text holds (ENGINE=InnoDB is
// fine).
func unreplicatedIn(text string) []string {
	var out []string
	for _, m := range unreplicated.FindAllStringSubmatch(text, -1) {
		if !strings.EqualFold(m[2], "InnoDB") {
			out = append(out, m[0])
		}
	}
	return out
}

func TestUnreplicatedIn(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"GetLock", "SELECT GET_LOCK('tpl', 300)", []string{"GET_LOCK("}},
		{"ReleaseLock", "do release_lock ('x')", []string{"release_lock ("}},
		{"LockTables", "LOCK TABLES orders WRITE; UNLOCK TABLES", []string{"LOCK TABLES"}},
		{"FlushReadLock", "FLUSH TABLES WITH READ LOCK", []string{"WITH READ LOCK"}},
		{"MyISAM", ") ENGINE=MyISAM DEFAULT CHARSET=utf8mb4", []string{"ENGINE=MyISAM"}},
		{"InnoDB", ") ENGINE = InnoDB", nil},
		{"ForUpdate", "SELECT id FROM members WHERE id = ? FOR UPDATE", nil},
		{"Unlock", "UNLOCK TABLES", nil},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, unreplicatedIn(tc.text)) })
	}
}

// No code Siyu runs (nor testkit's) and no MySQL migration uses what
// unreplicated finds. Go is read by its string literals, so comments may
// name them; tests may use them (they are not here).
func TestCodeUsesNoUnreplicatedLocks(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	found := map[string][]string{}
	read := 0
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			if e != nil && e.IsDir() && strings.HasPrefix(e.Name(), ".") && path != root {
				return filepath.SkipDir
			}
			return err
		}
		rel, _ := filepath.Rel(root, path)
		var text string
		switch {
		case strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go"):
			text, err = goStrings(path)
		case strings.HasSuffix(path, ".sql") && strings.HasPrefix(rel, filepath.Join("migrations", "mysql")):
			text, err = sqlWithoutComments(path)
		default:
			return nil
		}
		read++
		if bad := unreplicatedIn(text); len(bad) > 0 {
			found[rel] = bad
		}
		return err
	})
	require.NoError(t, err)
	require.Greater(t, read, 500, "files read")
	assert.Empty(t, found, "locks or engines a Galera cluster does not replicate")
}

// goStrings is the text of the string literals of a Go file.
func goStrings(path string) (string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile(path, -1, len(src)), src, nil, 0)
	var b strings.Builder
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return b.String(), nil
		}
		if tok == token.STRING {
			b.WriteString(lit + "\n")
		}
	}
}

// sqlWithoutComments is a migration's text without its -- comments.
func sqlWithoutComments(path string) (string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, line := range strings.Split(string(src), "\n") {
		code, _, _ := strings.Cut(line, "--")
		b.WriteString(code + "\n")
	}
	return b.String(), nil
}
