package seed_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/dashboard"
)

// campaignFigures are one campaign's figures as the test counts them: its
// participants' counters (participants, scans, invitees: counted as
// each participant's page is opened and friends scan) and its helps,
// in whole and in the store checked.
type campaignFigures struct {
	id                                   int64
	key, name                            string
	participants, visits, invitees       int64
	credited, storeArrived, storeCredits int64
}

// campaigns are the corp's referral campaigns, newest first, with their
// figures summed by the test's own SQL over referral_participants and
// referral_helps: a help is an arrival (whatever its state), credited
// when it stayed through the hold.
func campaigns(x *expect, store int64) []*campaignFigures {
	var out []*campaignFigures
	by := map[string]*campaignFigures{}
	x.scan(`SELECT c.name, c.id, COUNT(p.id), COALESCE(SUM(p.visits), 0), COALESCE(SUM(p.invitees), 0) FROM referral_campaigns c
		LEFT JOIN referral_participants p ON p.corp_id = c.corp_id AND p.campaign_id = c.id WHERE c.corp_id = ? GROUP BY c.id, c.name ORDER BY c.id DESC`,
		[]any{x.corp}, 1, func(k []string, n []int64) {
			c := &campaignFigures{id: n[0], key: id(n[0]), name: k[0], participants: n[1], visits: n[2], invitees: n[3]}
			out, by[c.key] = append(out, c), c
		})
	x.scan(`SELECT campaign_id, COALESCE(store_id, 0), COUNT(*), SUM(CASE WHEN status = 'credited' THEN 1 ELSE 0 END) FROM referral_helps
		WHERE corp_id = ? GROUP BY campaign_id, store_id`, []any{x.corp}, 0, func(_ []string, n []int64) {
		c := by[id(n[0])]
		c.credited += n[3]
		if n[1] == store {
			c.storeArrived, c.storeCredits = c.storeArrived+n[2], c.storeCredits+n[3]
		}
	})
	return out
}

// ratio is a/b as a cell, none when b is 0.
func ratio(a, b int64) dashboard.Cell {
	if b == 0 {
		return dashboard.Cell{}
	}
	return dashboard.Of(float64(a) / float64(b))
}

// checkReferralsPage holds 裂变 — each campaign's row, newest first
// (participants, scans, invitees, credited helps, the K factor, scan →
// invitation and invitation → credit rates; for a store manager their
// store's arrivals, credited helps and rate) and the funnel of the
// campaign picked (the newest when none) — for the corp and for store,
// against the test's own counts.
func checkReferralsPage(t *testing.T, dash *dashboard.Service, x *expect, store int64) {
	cs := campaigns(x, store)
	require.NotEmpty(t, cs, "裂变: campaigns")
	var credited, arrived int64
	for _, c := range cs {
		credited, arrived = credited+c.credited, arrived+c.storeArrived
	}
	require.NotZero(t, credited, "裂变: credited helps")
	require.NotZero(t, arrived, "裂变: helps in the store checked")
	for _, sc := range []dashboard.Scope{{CorpID: x.corp}, {CorpID: x.corp, StoreID: store}} {
		// The newest is drawn unless another is picked (or one not found).
		for _, pick := range []struct {
			id   int64
			want *campaignFigures
		}{{0, cs[0]}, {cs[len(cs)-1].id, cs[len(cs)-1]}, {-1, cs[0]}} {
			page, err := dash.Referrals(context.Background(), sc, pick.id)
			require.NoError(t, err)
			require.Len(t, page.Table.Rows, len(cs), "裂变: a row a campaign")
			for i, c := range cs {
				r := page.Table.Rows[i]
				require.Equal(t, c.key, r.Key, "裂变: campaigns newest first")
				assert.Equal(t, []string{c.name}, r.Labels)
				assert.Equal(t, referralCells(c, sc.StoreID != 0), r.Cells, "裂变 %s (store %d)", c.name, sc.StoreID)
			}
			c := pick.want
			funnel := []float64{float64(c.participants), float64(c.visits), float64(c.invitees), float64(c.credited)}
			if sc.StoreID != 0 {
				funnel = []float64{float64(c.storeArrived), float64(c.storeCredits)}
			}
			assert.Equal(t, []string{c.key, c.name}, []string{page.Picked, page.Funnel.Title}, "裂变: the campaign drawn (picked %d)", pick.id)
			assert.Equal(t, funnel, page.Funnel.Series[0].Data, "裂变 funnel of %s (store %d)", c.name, sc.StoreID)
		}
	}
}

// referralCells are a campaign's row: the corp's, or a store manager's.
func referralCells(c *campaignFigures, scoped bool) []dashboard.Cell {
	if scoped {
		return []dashboard.Cell{dashboard.Of(float64(c.storeArrived)), dashboard.Of(float64(c.storeCredits)), ratio(c.storeCredits, c.storeArrived)}
	}
	return []dashboard.Cell{dashboard.Of(float64(c.participants)), dashboard.Of(float64(c.visits)), dashboard.Of(float64(c.invitees)),
		dashboard.Of(float64(c.credited)), ratio(c.credited, c.participants), ratio(c.invitees, c.visits), ratio(c.credited, c.invitees)}
}
