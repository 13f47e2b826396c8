package uplift_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// baseConversion is the holdout's chance of ordering in the window.
const baseConversion = 0.5

// subject is one mass send or journey of the holdout corp.
type subject struct {
	kind   string
	id     int64
	effect float64
	share  float64   // the share held out
	at     time.Time // the send, or the earliest first fire (spread over 4 days; a second two days later)
	// sent and held count the customers the test expects compared.
	sent, held int
}

// seedHoldout writes the holdout corp (see the generator's description):
// a mass send and a journey with effect, and one of each without.
func seedHoldout(t *testing.T, d *db.DB, core *root.Core, effect float64, seed uint64) (*corp, []subject) {
	c := newCorp(t, d, core)
	rng := rand.New(rand.NewPCG(seed, 77))
	day := 24 * time.Hour
	subjects := []subject{{kind: app.UpliftMassSend, effect: effect, share: 0.5, at: now.Add(-100 * day)},
		{kind: app.UpliftMassSend, effect: 1, share: 0.5, at: now.Add(-70 * day)},
		{kind: app.UpliftJourney, effect: effect, share: 0.4, at: now.Add(-50 * day)},
		{kind: app.UpliftJourney, effect: 1, share: 0.4, at: now.Add(-30 * day)}}
	for i := range subjects {
		subjects[i].id = createSubject(t, d, c.id, subjects[i], i)
	}
	members := rows{cols: "corp_id, scope, status, created_at, updated_at"}
	for range holdoutCustomers {
		members.add("(%d, 0, 'active', %s, %s)", c.id, ts(now), ts(now))
	}
	first := insertMembers(t, d, c.id, &members)
	w := &holdoutRows{c: c, rng: rng, ob: newOrderBook(c.id), idents: rows{cols: "corp_id, scope, member_id, kind, value, created_at"},
		recips: rows{cols: "corp_id, send_id, external_userid, userid, excluded, result, planned_at"},
		fires:  rows{cols: "corp_id, journey_id, step_id, external_userid, occurrence, userid, due_at, status, created_at"}}
	for i := range holdoutCustomers {
		w.customer(fmt.Sprintf("wh%05d", i), first+int64(i), subjects)
	}
	for i := range 50 { // fired too recently to count, whatever they did
		ext := fmt.Sprintf("wr%05d", i)
		w.fires.add("(%d, %d, 1, '%s', '', 'g1', %s, '%s', %s)", c.id, subjects[2].id, ext, ts(now.Add(-5*day)), []string{"done", "holdout"}[i%2], ts(now))
	}
	w.idents.insert(t, d, "member_identities")
	w.recips.insert(t, d, "mass_send_recipients")
	w.fires.insert(t, d, "journey_fires")
	w.ob.rows.insert(t, d, "orders")
	return c, subjects
}

// createSubject inserts subject s as a mass send or a journey with a
// holdout, and returns its id.
func createSubject(t *testing.T, d *db.DB, corpID int64, s subject, i int) int64 {
	if s.kind == app.UpliftMassSend {
		return exec(t, d, "INSERT INTO mass_sends (corp_id, scope, name, chat_type, audience_kind, send_at, holdout_percent, status, created_by, holdout, planned_at, created_at, updated_at) "+
			"VALUES (?, 0, ?, 'single', 'list', ?, 50, 'done', 'user:1', 1, ?, ?, ?)", corpID, fmt.Sprintf("群发%d", i), s.at, s.at, s.at, s.at)
	}
	return exec(t, d, "INSERT INTO journeys (corp_id, name, status, `trigger`, reentry, audience, steps, next_step_id, catch_up_hours, holdout_percent, created_at, updated_at) "+
		"VALUES (?, ?, 'active', '{\"kind\":\"added\"}', 'once', '{}', '[]', 3, 24, 40, ?, ?)", corpID, fmt.Sprintf("旅程%d", i), s.at, s.at)
}

// holdoutRows collects the holdout corp's rows.
type holdoutRows struct {
	c                     *corp
	rng                   *rand.Rand
	ob                    *orderBook
	idents, recips, fires rows
}

// customer writes customer ext (member record member, or no member one
// time in ten) into every subject, with its orders.
func (w *holdoutRows) customer(ext string, member int64, subjects []subject) {
	c, rng := w.c, w.rng
	isMember := rng.Float64() < 0.9
	if isMember {
		w.idents.add("(%d, 0, %d, 'external_userid', '%s', %s)", c.id, member, ext, ts(now))
	}
	for i := range subjects {
		s := &subjects[i]
		held, at := rng.Float64() < s.share, s.at
		status := map[bool]string{true: app.FireHoldout, false: app.FireDone}[held]
		if s.kind == app.UpliftMassSend {
			excluded := map[bool]string{true: app.ExcludeHoldout, false: ""}[held]
			if rng.IntN(30) == 0 {
				excluded = app.ExcludeNoOwner // neither group
			}
			w.recips.add("(%d, %d, '%s', 'g1', '%s', 'sent', %s)", c.id, s.id, ext, excluded, ts(at))
			if excluded == app.ExcludeNoOwner {
				continue
			}
		} else {
			at = at.Add(time.Duration(rng.IntN(4*86400)) * time.Second)
			w.fires.add("(%d, %d, 1, '%s', '', 'g1', %s, '%s', %s)", c.id, s.id, ext, ts(at), status, ts(at))
			if rng.IntN(10) == 0 { // a second step: the first fire still places them
				w.fires.add("(%d, %d, 2, '%s', '', 'g1', %s, '%s', %s)", c.id, s.id, ext, ts(at.Add(48*time.Hour)), status, ts(at))
			}
		}
		if held {
			s.held++
		} else {
			s.sent++
		}
		p := baseConversion
		if !held {
			p *= s.effect
		}
		if isMember && rng.Float64() < p {
			w.ob.addNet(member, spent{at: at.Add(time.Duration(rng.Float64() * float64(13*24*time.Hour))), cents: cents(rng)})
		}
	}
	if isMember && rng.IntN(10) == 0 { // outside every window: before the first, or in the last days
		w.ob.addNet(member, spent{at: []time.Time{now.Add(-120 * 24 * time.Hour), now.Add(-5 * 24 * time.Hour)}[rng.IntN(2)], cents: cents(rng)})
	}
}

// exec runs q and returns the id it inserted.
func exec(t *testing.T, d *db.DB, q string, args ...any) int64 {
	res, err := d.SQL().Exec(q, args...)
	require.NoError(t, err, q)
	id, err := res.LastInsertId()
	require.NoError(t, err)
	return id
}
