package api_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// Rule versions through the API: a bad set names every field, a good one
// is the next version with its run; the report and the dry run answer.
func TestAttributionAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga := c.login(t, "wwa", "olga")
		base := "/api/v1/corps/wwa/attribution"
		w := send(c.h, "POST", base+"/rules", `{"precedence":["owner","owner","magic"],"acquirer_pct":120,"binding":"sometimes"}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code)
		assert.Len(t, decodeError(t, w).Fields, 4)
		w = send(c.h, "POST", base+"/rules", `{"precedence":["share","owner","store"],"protection_days":14}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		v := decode[map[string]any](t, w)
		assert.Equal(t, 1.0, v["version"])
		assert.Equal(t, 7.0, v["share_days"], "left out: the default")
		assert.NotNil(t, v["run"])
		w = send(c.h, "GET", base+"/rules", "", olga...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Len(t, decode[map[string][]map[string]any](t, w)["items"], 1)
		w = send(c.h, "GET", base+"/report?from=2026-01-01&to=2026-01-31&by=team", "", olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		w = send(c.h, "GET", base+"/report?from=2026-02-01&to=2026-01-31", "", olga...)
		assert.Equal(t, http.StatusBadRequest, w.Code)
		w = send(c.h, "POST", base+"/dry-run", `{"rules":{"precedence":["store"]},"from":"2026-01-01","to":"2026-01-31"}`, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, 1.0, decode[map[string]any](t, w)["current_version"])
	})
}
