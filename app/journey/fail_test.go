package journey_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
)

// A fire whose action cannot succeed is recorded failed with its reason
// and never tried again, beside its journey's other fires: a mass-send
// step acted on by a service built without a mass-send capability
// (written to the store directly, as that service refuses it).
func TestFireFailures(t *testing.T) {
	w := newWorld(t, config.DriverSQLite, time.Time{})
	t0 := w.local(2027, 4, 1, 9, 0)
	w.now = t0
	j := &app.Journey{CorpID: w.corp, Name: "旧旅程", Status: app.JourneyActive, Trigger: app.JourneyTrigger{Kind: app.TriggerAdded},
		Reentry: app.ReentryOnce, NextStepID: 3, CatchUpHours: 24, Steps: []app.JourneyStep{
			{ID: 1, At: "10:00", Action: app.ActionMassSend, Content: "你好", Since: t0},
			{ID: 2, At: "10:00", Action: app.ActionTask, Content: "你好", Since: t0}}}
	require.NoError(t, db.NewJourneyStore(w.d).CreateJourney(w.ctx, j))
	add := t0.Add(10 * time.Minute).UTC()
	w.exec("INSERT INTO follows (corp_id, userid, external_userid, add_time, created_at, updated_at) VALUES (?, 'stranger', 'wm_f1', ?, ?, ?)", w.corp, add, add, add)
	w.exec("INSERT INTO customer_owners (corp_id, scope, external_userid, userid, status, assigned_at, updated_at) VALUES (?, 0, 'wm_f1', 'stranger', 'assigned', ?, ?)", w.corp, add, add)
	svc := w.service()
	for _, at := range []time.Time{t0.Add(90 * time.Minute), t0.Add(3 * time.Hour), t0.Add(5 * time.Hour)} {
		w.moveTo(at)
		require.NoError(t, svc.Tick(w.ctx, w.corp))
	}
	fs, _, err := svc.Fires(w.ctx, w.corp, j.ID, "", app.Page{})
	require.NoError(t, err)
	require.Len(t, fs, 2)
	for _, f := range fs {
		assert.Equal(t, 1, f.Attempts, "acted on once: %s", f.Key())
		assert.NotNil(t, f.DoneAt)
	}
	assert.Equal(t, app.FireFailed, fs[0].Status, "a permanent failure is not retried")
	assert.Contains(t, fs[0].Result, "群发能力尚未接入")
	assert.Equal(t, app.FireDone, fs[1].Status)
	assert.Equal(t, "ok", fs[1].Result)
}
