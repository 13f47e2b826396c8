package assign_test

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// row is one history entry as the test reads it.
type row struct {
	id                 int64
	ext, to, rule, key string
	toStore, channel   sql.NullInt64
}

func (s *stack) history(t *testing.T) []row {
	rs, err := s.db.SQL().Query(`SELECT id, external_userid, to_userid, rule, event_key, to_store_id, channel_id
		FROM assignments WHERE corp_id = ? ORDER BY id`, s.corp.ID)
	require.NoError(t, err)
	defer rs.Close()
	var out []row
	for rs.Next() {
		var r row
		require.NoError(t, rs.Scan(&r.id, &r.ext, &r.to, &r.rule, &r.key, &r.toStore, &r.channel))
		out = append(out, r)
	}
	return out
}

// addOf reads the add event a decision was taken for back from the inbox.
func (s *stack) addOf(t *testing.T, key string) (wecom.ContactAdded, time.Time) {
	var payload string
	var at time.Time
	require.NoError(t, s.db.SQL().QueryRow("SELECT payload, event_time FROM wecom_events WHERE corp_id = ? AND dedupe_key = ?", s.corp.ID, key).Scan(&payload, &at))
	ev, err := wecom.ParseEvent([]byte(payload))
	require.NoError(t, err)
	added, ok := ev.(wecom.ContactAdded)
	require.True(t, ok, "decision %s was not for an add", key)
	return added, at
}

// replay walks the history in order and checks each decision against the
// model's, then moves the model on as the decision should have.
func (s *stack) replay(t *testing.T, m *model, leftAfter int64) []row {
	history := s.history(t)
	require.NotEmpty(t, history)
	mismatches := 0
	for _, r := range history {
		if r.id > leftAfter && leftAfter >= 0 {
			m.left["S2g1"] = true
		}
		var want expected
		switch {
		case isAddKey(r.key):
			ev, at := s.addOf(t, r.key)
			want = m.decideAdd(ev.UserID, ev.ExternalUserID, ev.State, at)
			m.apply(r.ext, want, at)
		case strings.HasSuffix(r.key, ":pool"):
			want = m.placeOnline(m.chain.channels["on1"])
			m.apply(r.ext, want, time.Time{})
		default: // a pooled customer placed in their home store
			want = m.placeHome(m.owners[r.ext])
			m.apply(r.ext, want, time.Time{})
		}
		if got := fmt.Sprintf("%s→%s", r.rule, r.to); got != fmt.Sprintf("%s→%s", want.rule, want.user) && mismatches < 10 {
			mismatches++
			t.Errorf("decision %d (%s) for %s: got %s, the rules say %s→%s", r.id, r.key, r.ext, got, want.rule, want.user)
		}
	}
	return history
}

// apply moves the model on by decision e about customer ext at time at.
func (m *model) apply(ext string, e expected, at time.Time) {
	if e.rule == app.RuleSticky {
		return
	}
	status := app.OwnerAssigned
	if e.pool {
		status = app.OwnerPool
	}
	m.owners[ext] = &app.Owner{UserID: e.user, StoreID: e.store, Status: status}
	if e.cap {
		m.daily[m.dayKey(e.channel, e.user, at)]++
	}
	if e.rule == app.RuleRoundRobin {
		m.turn[e.channel.ID] = e.user
	}
}

// placeOnline: the open physical store nearest the online code with an
// active guide, and its least-loaded guide.
func (m *model) placeOnline(ch *app.Channel) expected {
	var stores []*app.Store
	for _, st := range m.chain.stores {
		if st.Kind == app.StoreKindStore && st.Latitude != nil {
			stores = append(stores, st)
		}
	}
	dist := func(st *app.Store) float64 {
		lat := float64(*ch.Latitude) / 1e6 * math.Pi / 180
		dx, dy := float64(*st.Longitude-*ch.Longitude)*math.Cos(lat), float64(*st.Latitude-*ch.Latitude)
		return dx*dx + dy*dy
	}
	slices.SortFunc(stores, func(a, b *app.Store) int { return cmp.Compare(dist(a), dist(b)) })
	for _, st := range stores {
		if g, ok := m.leastLoadedIn(st.ID); ok {
			return expected{user: g, rule: app.RuleNearest, store: &st.ID}
		}
	}
	return expected{pool: true, rule: app.RulePool}
}

func (m *model) placeHome(o *app.Owner) expected {
	g, _ := m.leastLoadedIn(*o.StoreID)
	return expected{user: g, rule: app.RuleHomeStore, store: o.StoreID}
}

// assertOnePerAdd: each add event has exactly one decision, and every
// owner row is what the last decision about that customer made it.
func assertOnePerAdd(t *testing.T, s *stack, history []row, adds int) {
	perKey := map[string]int{}
	last := map[string]row{}
	for _, r := range history {
		if isAddKey(r.key) {
			perKey[r.key]++
		}
		if r.rule != app.RuleSticky {
			last[r.ext] = r
		}
	}
	var events int
	require.NoError(t, s.db.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE corp_id = ? AND kind LIKE '%add_external_contact'", s.corp.ID).Scan(&events))
	assert.Equal(t, adds, events, "every add reached Siyu once")
	assert.Len(t, perKey, adds, "every add was decided")
	for key, n := range perKey {
		assert.Equal(t, 1, n, "add %s decided once", key)
	}
	for ext, r := range last {
		owners, err := s.assign.OwnerOf(context.Background(), s.corp.ID, ext)
		require.NoError(t, err)
		require.Len(t, owners, 1)
		assert.Equal(t, r.to, owners[0].UserID, "owner of %s is what its last decision made it", ext)
	}
}

// assertCaps: no guide took more customers through a channel in a day
// than the channel's cap.
func assertCaps(t *testing.T, s *stack, c *chain) {
	for _, ch := range c.channels {
		var most int
		require.NoError(t, s.db.SQL().QueryRow("SELECT COALESCE(MAX(adds), 0) FROM guide_daily_adds WHERE corp_id = ? AND channel_id = ?",
			s.corp.ID, ch.ID).Scan(&most))
		assert.LessOrEqual(t, most, ch.DailyCap, "channel %s", ch.State)
	}
}

// assertWelcomes: every welcome code got exactly one message (a code whose
// relation ended first at most one), and nothing was sent without a code.
func assertWelcomes(t *testing.T, s *stack, codes, voided map[string]bool) {
	sent := map[string]int{}
	for _, w := range s.sc.WelcomeMessages() {
		sent[w.WelcomeCode]++
	}
	for code := range codes {
		assert.Equal(t, 1, sent[code], "welcome code %s", code)
	}
	for code, n := range sent {
		assert.True(t, codes[code] || voided[code], "a message went out for an unknown code %s", code)
		assert.Equal(t, 1, n, "welcome code %s used once", code)
	}
	var noCode int
	require.NoError(t, s.db.SQL().QueryRow("SELECT COUNT(*) FROM welcome_sends WHERE corp_id = ? AND status = ?", s.corp.ID, app.WelcomeNoCode).Scan(&noCode))
	assert.Positive(t, noCode, "adds without a code are recorded, not sent")
}
