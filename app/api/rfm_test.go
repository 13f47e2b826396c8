package api_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The RFM settings through the JSON API: every refusal at once, a save
// answered with the settings, the distribution read by every role and
// changed by operators only.
func TestRFMAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga, sam := c.login(t, "wwa", "olga"), c.login(t, "wwa", "sam")
		base := "/api/v1/corps/wwa/rfm"
		w := send(c.h, "GET", base+"/settings", "", sam...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, 90.0, decode[map[string]any](t, w)["active_days"], "the defaults")
		w = send(c.h, "PUT", base+"/settings", `{"recency_days":-1,"growth_orders":0,"active_days":100,"churn_days":50}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code)
		assert.Len(t, decodeError(t, w).Fields, 3)
		assert.Equal(t, http.StatusForbidden, send(c.h, "PUT", base+"/settings", `{"frequency":3}`, sam...).Code)
		w = send(c.h, "PUT", base+"/settings", `{"frequency":3}`, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		got := decode[map[string]any](t, w)
		assert.Equal(t, 3.0, got["frequency"])
		assert.Equal(t, 0.0, got["recency_days"], "left out: the median")
		assert.Equal(t, 180.0, got["churn_days"], "left out: the default")
		w = send(c.h, "GET", base+"/distribution", "", sam...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, 0.0, decode[map[string]any](t, w)["members"])
	})
}
