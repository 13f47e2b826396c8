package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The segment API: a bad rule names every bad condition; a good one is
// previewed, saved with its first snapshot, paged and refreshed.
func TestSegmentAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga := c.login(t, "wwa", "olga")
		base := "/api/v1/corps/wwa"
		w := send(c.h, "POST", base+"/segments/preview", `{"rule":{"op":"and","rules":[{"field":"x","cmp":"eq","value":1},{"field":"member.points","cmp":"gt","value":"a"}]}}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code)
		fields := decodeError(t, w).Fields
		require.Len(t, fields, 2)
		assert.Equal(t, "rules[0].field", fields[0].Field)
		assert.Equal(t, "rules[1].value", fields[1].Field)

		rule := `{"field":"member.exists","cmp":"not"}`
		w = send(c.h, "POST", base+"/segments/preview", `{"rule":`+rule+`}`, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		w = send(c.h, "POST", base+"/segments", `{"name":"非会员","rule":`+rule+`,"refresh_hours":24}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		g := decode[map[string]any](t, w)
		assert.Equal(t, 1.0, g["version"])
		id := fmt.Sprint(g["id"])
		w = send(c.h, "POST", base+"/segments/"+id+"/refresh", "", olga...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Equal(t, 2.0, decode[map[string]any](t, w)["version"])
		w = send(c.h, "GET", base+"/segments/"+id+"/members?version=1", "", olga...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Equal(t, 1.0, decode[map[string]any](t, w)["version"])
		w = send(c.h, "GET", base+"/segment-fields", "", olga...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Contains(t, w.Body.String(), "会员积分")
	})
}
