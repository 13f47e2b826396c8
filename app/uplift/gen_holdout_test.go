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

// baseConversion is the control's chance of ordering in the window.
const baseConversion = 0.3

// seedHoldout writes the holdout corp (see the generator's description)
// with the given effect of a send or fire on the chance of ordering, and
// returns it with the customers the test expects compared.
func seedHoldout(t *testing.T, d *db.DB, core *root.Core, effect float64, seed uint64) *corp {
	c := newCorp(t, d, core)
	rng := rand.New(rand.NewPCG(seed, 77))
	planned := now.Add(-30 * 24 * time.Hour)
	send := exec(t, d, "INSERT INTO mass_sends (corp_id, scope, name, chat_type, audience_kind, send_at, holdout_percent, status, created_by, holdout, planned_at, created_at, updated_at) "+
		"VALUES (?, 0, '春季上新', 'single', 'list', ?, 50, 'done', 'user:1', 1, ?, ?, ?)", c.id, planned, planned, planned, planned)
	journey := exec(t, d, "INSERT INTO journeys (corp_id, name, status, `trigger`, reentry, audience, steps, next_step_id, catch_up_hours, holdout_percent, created_at, updated_at) "+
		"VALUES (?, '新客关怀', 'active', '{\"kind\":\"added\"}', 'once', '{}', '[]', 3, 24, 40, ?, ?)", c.id, planned, planned)
	members := rows{cols: "corp_id, scope, status, created_at, updated_at"}
	for range 2 * holdoutCustomers {
		members.add("(%d, 0, 'active', %s, %s)", c.id, ts(now), ts(now))
	}
	first := insertMembers(t, d, c.id, &members)
	idents := rows{cols: "corp_id, scope, member_id, kind, value, created_at"}
	recips := rows{cols: "corp_id, send_id, external_userid, userid, excluded, result, planned_at"}
	fires := rows{cols: "corp_id, journey_id, step_id, external_userid, occurrence, userid, due_at, status, created_at"}
	ob := newOrderBook(c.id)
	for i := range 2 * holdoutCustomers {
		ext, member := fmt.Sprintf("wh%05d", i), first+int64(i)
		if rng.Float64() < 0.9 {
			idents.add("(%d, 0, %d, 'external_userid', '%s', %s)", c.id, member, ext, ts(now))
		} else {
			member = 0 // not a member: no orders can be found
		}
		var at time.Time
		var held bool
		kind := app.UpliftMassSend
		if i < holdoutCustomers {
			at, held = planned, rng.Float64() < 0.5
			excluded := map[bool]string{true: "holdout", false: ""}[held]
			if rng.IntN(30) == 0 {
				excluded = "no_owner" // neither group
			}
			recips.add("(%d, %d, '%s', 'g1', '%s', 'sent', %s)", c.id, send, ext, excluded, ts(at))
			if excluded == "no_owner" {
				continue
			}
		} else {
			kind, held = app.UpliftJourney, rng.Float64() < 0.4
			at = now.Add(-time.Duration(15+rng.IntN(60)) * 24 * time.Hour).Add(time.Duration(rng.IntN(86400)) * time.Second)
			if rng.IntN(10) == 0 {
				at = now.Add(-time.Duration(rng.IntN(13*86400)) * time.Second) // window still open: not compared
			}
			status := map[bool]string{true: "holdout", false: "done"}[held]
			for step, due := range []time.Time{at, at.Add(3 * 24 * time.Hour)} {
				fires.add("(%d, %d, %d, '%s', '', 'g1', %s, '%s', %s)", c.id, journey, step+1, ext, ts(due), status, ts(due))
			}
			if at.Add(14 * 24 * time.Hour).After(now) {
				continue
			}
		}
		if held {
			c.held[kind]++
		} else {
			c.sent[kind]++
		}
		if member != 0 {
			holdoutOrders(rng, ob, member, at, held, effect)
		}
	}
	idents.insert(t, d, "member_identities")
	recips.insert(t, d, "mass_send_recipients")
	fires.insert(t, d, "journey_fires")
	ob.rows.insert(t, d, "orders")
	return c
}

// holdoutOrders draws a member's orders around its send at at: one in
// the window with the (treated: boosted) chance, and others before it
// and after it that must not count.
func holdoutOrders(rng *rand.Rand, ob *orderBook, member int64, at time.Time, held bool, effect float64) {
	p := baseConversion
	if !held {
		p *= effect
	}
	if rng.Float64() < p {
		ob.addNet(member, spent{at: at.Add(time.Duration(rng.Float64() * float64(13*24*time.Hour))), cents: cents(rng)})
	}
	if rng.Float64() < 0.25 {
		ob.addNet(member, spent{at: at.Add(-time.Duration(1+rng.IntN(100)) * 24 * time.Hour), cents: cents(rng)})
	}
	if after := at.Add(time.Duration(14*24+rng.IntN(10*24)) * time.Hour); rng.Float64() < 0.15 && after.Before(now) {
		ob.addNet(member, spent{at: after, cents: cents(rng)})
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
