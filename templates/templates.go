// Package templates embeds Siyu's server-rendered pages (console, side
// panel) so the binary serves them wherever it runs.
package templates

import (
	"embed"
	"html/template"
	"io/fs"
)

//go:embed *.html
var files embed.FS

// Parse parses every page. The layout defines the shell as "head" (given
// the page title) and "foot"; each page NAME.html defines "NAME.html"
// between them, so pages never override each other's blocks.
func Parse() (*template.Template, error) {
	return template.New("").ParseFS(files, "*.html")
}

// FS exposes the raw files, for golden tests.
func FS() fs.FS { return files }
