// Package migrations embeds Siyu's schema history: one tree of numbered SQL
// files per dialect, with the same version numbers in both, applied by goose.
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed mysql/*.sql sqlite/*.sql
var files embed.FS

// FS returns the migration files of one dialect ("mysql" or "sqlite").
func FS(dialect string) (fs.FS, error) { return fs.Sub(files, dialect) }
