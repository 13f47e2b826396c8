package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// dashComputedChecks: on aggregates app/stats computed from the ledgers
// (adds through touches, relations the customer ended), days before the
// world's written ones, the pages count what SQL over the ledgers counts.
func dashComputedChecks(t *testing.T, w *dashWorld) {
	zone := app.ZoneNamed(w.corp.Timezone)
	today := time.Now().In(zone)
	days := []string{today.AddDate(0, 0, -21).Format(time.DateOnly), today.AddDate(0, 0, -20).Format(time.DateOnly)}
	start := time.Date(today.Year(), today.Month(), today.Day()-21, 0, 0, 0, 0, zone)
	xh, ja := w.stores["徐汇店"], w.stores["静安店"]
	for i, a := range []struct {
		userid string
		store  *int64
		hour   int
	}{{"g1", &xh, 10}, {"g1", &xh, 33}, {"m1", &xh, 40}, {"g2", &ja, 23}, {"g2", &ja, 47}, {"", nil, 12}} {
		at := start.Add(time.Duration(a.hour) * time.Hour).UTC()
		_, err := w.d.SQL().Exec("INSERT INTO touches (corp_id, kind, source_id, external_userid, userid, store_id, at, created_at) VALUES (?, 'add', ?, ?, ?, ?, ?, ?)",
			w.corp.ID, fmt.Sprintf("computed-%d", i), fmt.Sprintf("wmc%d", i), a.userid, a.store, at, at)
		require.NoError(t, err)
	}
	_, err := w.d.SQL().Exec("INSERT INTO contact_ends (corp_id, event_key, userid, external_userid, store_id, ended_by, at) VALUES (?, 'end-1', 'g2', 'wmc3', ?, ?, ?)",
		w.corp.ID, ja, app.EndedByCustomer, start.Add(30*time.Hour).UTC())
	require.NoError(t, err)
	require.NoError(t, w.g.Stats.Compute(context.Background(), w.corp.ID, days))

	count := func(q string, args ...any) string {
		var n int64
		require.NoError(t, w.d.SQL().QueryRow(q, append([]any{w.corp.ID, start.UTC(), start.AddDate(0, 0, 2).UTC()}, args...)...).Scan(&n))
		return fmt.Sprint(n)
	}
	adds := "SELECT COUNT(*) FROM touches WHERE corp_id = ? AND kind = 'add' AND at >= ? AND at < ?"
	period := "?from=" + days[0] + "&to=" + days[1]
	alice := w.signIn(t, "alice")
	got, _ := kpi(t, alice.get(t, "/console/dash/overview"+period, http.StatusOK), "adds")
	assert.Equal(t, count(adds), got, "the corp's adds, one through no store among them")
	stores := alice.get(t, "/console/dash/stores"+period, http.StatusOK)
	assert.Equal(t, map[string]string{"徐汇店": count(adds+" AND store_id = ?", xh), "静安店": count(adds+" AND store_id = ?", ja)},
		column(t, stores, "stores", "添加"))
	assert.Equal(t, count("SELECT COUNT(*) FROM contact_ends WHERE corp_id = ? AND at >= ? AND at < ? AND store_id = ? AND ended_by = 'customer'", ja),
		column(t, stores, "stores", "流失")["静安店"])
	assert.Equal(t, count(adds+" AND userid = 'g1'"), column(t, alice.get(t, "/console/dash/guides"+period, http.StatusOK), "guides", "添加")["李导购"])
}
