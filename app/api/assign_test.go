package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A customer's owner and every decision about them are readable by their
// corp's console users, in order; another corp's users get 403.
func TestCustomerAssignments(t *testing.T) {
	d := testkit.MigratedDB(t, config.DriverSQLite)
	c := newConsole(t, d)
	ctx := context.Background()
	st := db.NewAssignStore(d)
	at := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	require.NoError(t, st.SaveOwner(ctx, &app.Owner{CorpID: c.corpA, ExternalUserID: "wm_a1", UserID: "g2", Status: app.OwnerAssigned, AssignedAt: at}))
	for i, to := range []string{"g1", "g2"} {
		a := app.Assignment{CorpID: c.corpA, ExternalUserID: "wm_a1", ToUserID: to, Rule: app.RuleRoundRobin, Reason: "轮流分配",
			Actor: "system:assign", EventKey: "k" + to, CreatedAt: at.Add(time.Duration(i) * time.Minute)}
		require.NoError(t, st.RecordAssignment(ctx, &a))
	}
	alice := c.login(t, "wwa", "alice")
	w := send(c.h, "GET", "/api/v1/corps/wwa/customers/wm_a1/assignments", "", alice...)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var body struct {
		Owners      []struct{ UserID string } `json:"owners"`
		Assignments []struct {
			ToUserID string `json:"to_userid"`
			Rule     string `json:"rule"`
		} `json:"assignments"`
	}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
	require.Len(t, body.Owners, 1)
	assert.Equal(t, "g2", body.Owners[0].UserID)
	require.Len(t, body.Assignments, 2)
	assert.Equal(t, "g1", body.Assignments[0].ToUserID, "oldest first")
	assert.Equal(t, app.RuleRoundRobin, body.Assignments[1].Rule)

	assert.Equal(t, http.StatusNotFound, send(c.h, "GET", "/api/v1/corps/wwa/customers/wm_nobody/assignments", "", alice...).Code)
	assert.Equal(t, http.StatusForbidden, send(c.h, "GET", "/api/v1/corps/wwa/customers/wm_a1/assignments", "", c.login(t, "wwb", "bob")...).Code)
}
