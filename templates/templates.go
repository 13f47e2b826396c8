// Package templates embeds Siyu's server-rendered pages (console, side
// panel) and the console's static assets, so the binary serves them
// wherever it runs: intranet deployments have no CDN.
package templates

import (
	"embed"
	"html/template"
	"io/fs"
	"strconv"
)

//go:embed *.html
var files embed.FS

//go:embed static
var static embed.FS

// Parse parses every page. The layouts define each shell's head and foot;
// each page NAME.html defines "NAME.html" between them, so pages never
// override each other's blocks.
func Parse() (*template.Template, error) {
	return template.New("").Funcs(funcs).ParseFS(files, "*.html")
}

// funcs are the few helpers pages need beyond the view models' methods.
var funcs = template.FuncMap{
	// field finds the reason a form field was refused, "" when it was not.
	"field": func(errs map[string]string, name string) string { return errs[name] },
	// deref shows what a pointer points at ("" for nil).
	"deref": func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	},
	// deg shows micro-degrees as degrees ("" for nil).
	"deg": func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(float64(*p)/1e6, 'f', -1, 64)
	},
	// has reports whether list holds v (checked boxes, selected options).
	"has": func(list []string, v string) bool {
		for _, x := range list {
			if x == v {
				return true
			}
		}
		return false
	},
}

// FS exposes the raw files, for golden tests.
func FS() fs.FS { return files }

// Static is the console's assets (CSS, vendored htmx) at their pinned
// versions; their names carry the version, so they may be cached forever.
func Static() fs.FS {
	sub, _ := fs.Sub(static, "static")
	return sub
}
