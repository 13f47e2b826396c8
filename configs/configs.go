// Package configs embeds the YAML configuration shipped with Siyu, so the
// binary starts with sane defaults wherever it is copied.
package configs

import _ "embed"

// Default is the base configuration every other source overrides: the
// embedded default (SQLite + in-process Redis), bound to loopback.
//
//go:embed default.yaml
var Default []byte
