package attribution_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
)

// checkReports compares the report of every model, by guide, store and
// team, for orders paid in [from, to) under r, with the test's own sums of
// the orders' lines (which check compared with the independent
// computation): the rules' totals come from SQL, the models' from the
// packed rows as they stream past.
func (c *chain) checkReports(t *testing.T, r *app.AttributionRules, from, to time.Time) {
	var ids []int64
	for after := int64(0); ; {
		page, err := c.core.Stores.Credits.OrdersPaidAfter(c.ctx, c.corp, 0, from, to, after, 1000)
		require.NoError(t, err)
		if len(page) == 0 {
			break
		}
		for _, o := range page {
			ids = append(ids, o.ID)
		}
		after = page[len(page)-1].ID
	}
	require.NotEmpty(t, ids)
	credits, err := c.core.Stores.Credits.CreditsOf(c.ctx, c.corp, r.ID, ids)
	require.NoError(t, err)
	for _, m := range attribution.Models {
		for _, by := range []string{"guide", "store", "team"} {
			want := map[string]app.CreditTotal{}
			for _, cs := range credits {
				seen := map[string]bool{}
				for _, cr := range cs {
					if cr.Model != m {
						continue
					}
					k := map[string]string{"guide": cr.UserID, "team": cr.Team, "store": "0"}[by]
					if by == "store" && cr.StoreID != nil {
						k = strconv.FormatInt(*cr.StoreID, 10)
					}
					w := want[k]
					w.Key, w.AmountCents = k, w.AmountCents+cr.AmountCents
					if !seen[k] {
						seen[k], w.Orders = true, w.Orders+1
					}
					want[k] = w
				}
			}
			_, got, err := c.svc.Report(c.ctx, c.core.Stores.Credits, c.corp, 0, r.ID, m, by, from, to)
			require.NoError(t, err)
			gotBy := map[string]app.CreditTotal{}
			for _, g := range got {
				gotBy[g.Key] = g
			}
			require.Equal(t, want, gotBy, "%s by %s", m, by)
		}
	}
}
