package api_test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

type spec struct {
	OpenAPI string                    `yaml:"openapi"`
	Paths   map[string]map[string]any `yaml:"paths"`
}

var ginParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// Every /api/v1 route the server registers (with every capability wired)
// is described in the spec, and the spec describes no route that does not
// exist: neither can change without the other.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var s spec
	require.NoError(t, yaml.Unmarshal(api.OpenAPI, &s))
	require.True(t, strings.HasPrefix(s.OpenAPI, "3."), "OpenAPI 3: %q", s.OpenAPI)

	c := newConsole(t, testkit.MigratedDB(t, config.DriverSQLite))
	var routes []string
	for _, r := range c.h.Routes() {
		if strings.HasPrefix(r.Path, api.APIPrefix+"/") || strings.HasPrefix(r.Path, api.MiniPrefix+"/") {
			routes = append(routes, strings.ToLower(r.Method)+" "+ginParam.ReplaceAllString(r.Path, "{$1}"))
		}
	}
	var documented []string
	for path, ops := range s.Paths {
		for method, op := range ops {
			if method == "parameters" {
				continue
			}
			documented = append(documented, method+" "+path)
			fields, _ := op.(map[string]any)
			assert.NotEmpty(t, fields["responses"], "%s %s has responses", method, path)
			assert.NotEmpty(t, fields["summary"], "%s %s has a summary", method, path)
		}
	}
	slices.Sort(routes)
	slices.Sort(documented)
	require.NotEmpty(t, routes)
	assert.Equal(t, routes, documented)

	w := do(c.h, "GET", api.OpenAPIPath)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, string(api.OpenAPI), w.Body.String(), "served without a credential")
}

// Every $ref points at a component that exists, so the document resolves.
func TestOpenAPIRefsResolve(t *testing.T) {
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal(api.OpenAPI, &doc))
	components := doc["components"].(map[string]any)
	for _, ref := range regexp.MustCompile(`\$ref: "#/components/([a-zA-Z]+)/([A-Za-z]+)"`).FindAllStringSubmatch(string(api.OpenAPI), -1) {
		section, ok := components[ref[1]].(map[string]any)
		require.True(t, ok, "components/%s", ref[1])
		assert.Contains(t, section, ref[2], "%s is defined", ref[0])
	}
}
