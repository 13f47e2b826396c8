package seed_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// records pairs each member record with the active member its merges
// lead to (sv), itself for an active one.
const records = `WITH RECURSIVE rec(id, sv) AS (SELECT id, id FROM members WHERE corp_id = ? AND status = 'active' AND merged_into IS NULL
	UNION ALL SELECT m.id, rec.sv FROM members m JOIN rec ON m.merged_into = rec.id WHERE m.corp_id = ?) `

// firstLink selects each active member's first link to a guide: the
// earliest add (by a guide) recorded against any of its records, or of
// a customer one of its records is, or of that customer's relation with
// a guide.
const firstLink = records + `SELECT rec.sv, MIN(l.at) FROM rec JOIN (
	SELECT member_id AS mid, at FROM touches WHERE corp_id = ? AND kind = 'add' AND member_id IS NOT NULL AND userid <> ''
	UNION ALL SELECT i.member_id, t.at FROM member_identities i JOIN touches t ON t.corp_id = i.corp_id AND t.external_userid = i.value
		WHERE i.corp_id = ? AND i.kind = 'external_userid' AND t.kind = 'add' AND t.userid <> ''
	UNION ALL SELECT i.member_id, f.add_time FROM member_identities i JOIN follows f ON f.corp_id = i.corp_id AND f.external_userid = i.value
		WHERE i.corp_id = ? AND i.kind = 'external_userid' AND f.add_time IS NOT NULL) l ON l.mid = rec.id GROUP BY rec.sv`

// linkedMember is an active member first linked to a guide in the
// months compared: its home store and annual spend after the link.
type linkedMember struct {
	store int64
	spend float64
}

// checkLinked holds the guide comparison's linked members against the
// test's own: the corp's result and one per home store with any, each
// counting (kept or in strata left out) the active members first linked
// in the months compared; and the mean annual spend of the linked kept
// (net orders from the day after the link for a year, to the computing
// time and annualised when shorter): where no stratum was left out the
// test's mean of every linked member's, otherwise within their spends.
//
// The rest of a result — which members stand as controls (a hash of the
// id picks their month), each one's RFM class at the link, the strata
// left out, the reweighted control mean and the intervals — is only
// derivable by re-implementing the matching and the statistics, which
// app/uplift's own tests hold against corps with a known effect; here
// they are checked as stored, cell by cell on the page.
func checkLinked(t *testing.T, x *expect, corp stored) {
	ms := linkedMembers(t, x, corp)
	require.NotEmpty(t, ms, "提升效果: members linked in the months compared")
	want := map[int64][]float64{0: nil}
	for _, m := range ms {
		want[0] = append(want[0], m.spend)
		if m.store != 0 {
			want[m.store] = append(want[m.store], m.spend)
		}
	}
	got := map[int64]stored{}
	x.scan("SELECT DISTINCT store_id FROM uplift_results WHERE corp_id = ? AND kind = ?", []any{x.corp, app.UpliftGuide}, 0, func(_ []string, n []int64) {
		got[n[0]] = storedUplifts(t, x, app.UpliftGuide, n[0])[0]
	})
	assert.Len(t, got, len(want), "提升效果: a guide comparison for the corp and each home store with linked members")
	for st, spends := range want {
		r, ok := got[st]
		if !assert.True(t, ok, "提升效果: a guide comparison of store %d", st) {
			continue
		}
		assert.Equal(t, int64(len(spends)), r.treated+r.treatedDropped, "提升效果 store %d: linked members", st)
		if r.treated > 0 { // the mean of the linked kept lies among the linked's spends
			assert.GreaterOrEqual(t, float64(r.treatedMean), math.Floor(slices.Min(spends)), "提升效果 store %d: mean annual spend", st)
			assert.LessOrEqual(t, float64(r.treatedMean), math.Ceil(slices.Max(spends)), "提升效果 store %d: mean annual spend", st)
		}
		if r.dropped == 0 && r.strata > 0 {
			assert.InDelta(t, sum(spends)/float64(len(spends)), float64(r.treatedMean), 1, "提升效果 store %d: mean annual spend of the linked", st)
		}
	}
}

// linkedMembers are the active members first linked in [r.from, r.to),
// with their annual spend at r.computed.
func linkedMembers(t *testing.T, x *expect, r stored) map[int64]*linkedMember {
	c, out, links := x.corp, map[int64]*linkedMember{}, map[int64]time.Time{}
	timed(t, x, firstLink, []any{c, c, c, c, c}, func(id int64, at time.Time, _ int64) {
		if !at.Before(r.from) && at.Before(r.to) {
			links[id], out[id] = at, &linkedMember{}
		}
	})
	x.scan("SELECT id, COALESCE(home_store_id, 0) FROM members WHERE corp_id = ?", []any{c}, 0, func(_ []string, n []int64) {
		if m := out[n[0]]; m != nil {
			m.store = n[1]
		}
	})
	const day, year = 24 * time.Hour, 365 * 24 * time.Hour
	window := func(id int64) (start, end time.Time) {
		start, end = links[id].Add(day), links[id].Add(day+year)
		if r.computed.Before(end) {
			end = r.computed
		}
		return start, end
	}
	net := map[int64]int64{}
	timed(t, x, records+"SELECT rec.sv, o.paid_at, o.amount_cents FROM rec JOIN orders o ON o.corp_id = ? AND o.member_id = rec.id",
		[]any{c, c, c}, func(id int64, paid time.Time, cents int64) {
			if _, ok := links[id]; ok {
				if start, end := window(id); !paid.Before(start) && paid.Before(end) {
					net[id] += cents
				}
			}
		})
	for id, m := range out {
		start, end := window(id)
		m.spend = float64(net[id]) * float64(year) / float64(end.Sub(start))
	}
	return out
}

// timed runs q, whose rows are an id, a time and perhaps a number.
func timed(t *testing.T, x *expect, q string, args []any, fn func(id int64, at time.Time, n int64)) {
	rows, err := x.sql.QueryContext(context.Background(), q, args...)
	require.NoError(t, err, q)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	for rows.Next() {
		var id, n int64
		var at any
		dest := []any{&id, &at, &n}
		require.NoError(t, rows.Scan(dest[:len(cols)]...), q)
		fn(id, asTime(t, at), n)
	}
	require.NoError(t, rows.Err())
}
