package attribution_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// size is the chain the end-to-end test builds: the full size
// (2,000 members, 20,000 orders, 50,000 touches) on MariaDB, about a
// minute and a half (under CI 20% of it: scripts/bench runs the full
// size); a tenth of it on SQLite, which runs the same code paths through
// the other dialect.
type size struct{ members, orders, touches int }

func chainSize(driver string) size {
	if driver == config.DriverMySQL {
		return size{testkit.ScaleSize(2000, 400), testkit.ScaleSize(20000, 4000), testkit.ScaleSize(50000, 10000)}
	}
	return size{120, 1200, 3000}
}

// runs collects the runs a rule change starts, for the test to carry
// through itself.
type runs struct{ ids []int64 }

func (r *runs) EnqueueAttributionRun(_ context.Context, _, id int64) error {
	r.ids = append(r.ids, id)
	return nil
}

// chain is the world the test built, as the test itself knows it.
type chain struct {
	core    *root.Core
	db      *db.DB
	svc     *attribution.Service
	queue   *runs
	ctx     context.Context
	corp    int64
	stores  map[int64]app.Store
	codes   map[string]int64 // store code → id
	guides  map[string]app.Guide
	touches map[string][]app.Touch // by customer, oldest first
	buyer   map[string]string      // order number → customer
	members int
	sales   []app.OrderInput
	refunds []app.OrderInput
}

// Siyu's credit for every order, under every model, equals the test's own
// computation from the chain it built; after a rule change and the
// recompute it equals the new computation, the earlier version's credit
// stays; re-sending every batch changes nothing.
func TestChainCreditMatchesIndependentComputation(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) {
			c := buildChain(t, testkit.MigratedDB(t, driver), chainSize(driver))
			v1, run, err := c.svc.SaveRules(c.ctx, c.corp, attribution.DefaultInput(0))
			require.NoError(t, err)
			require.NoError(t, c.svc.Run(c.ctx, c.corp, run.ID))
			c.check(t, v1)
			c.resend(t)
			c.check(t, v1)

			in := attribution.DefaultInput(0)
			in.Precedence, in.Binding, in.BindingDays, in.CrossStore = []string{app.RuleShare, app.RuleOwner, app.RuleAdderLast, app.RuleStore}, app.BindingTemporary, 20, false
			in.AcquirerPct, in.ProtectionDays, in.ShareDays = 70, 45, 5
			from, to := base.Add(60*24*time.Hour), base.Add(300*24*time.Hour)
			dry, err := c.svc.DryRun(c.ctx, c.core.Stores.Credits, c.corp, in, from, to)
			require.NoError(t, err)
			require.Equal(t, 1, dry.Current)
			v2, run, err := c.svc.SaveRules(c.ctx, c.corp, in)
			require.NoError(t, err)
			require.Equal(t, 2, v2.Version)
			c.runCrashing(t, run.ID)
			c.check(t, v2)
			c.checkReports(t, v2, from, to)
			c.check(t, v1) // the earlier version's credit stays readable
			c.checkDryRun(t, dry, v1, v2, from, to)
		})
	}
}

func buildChain(t *testing.T, d *db.DB, n size) *chain {
	core := root.NewCore(d, testkit.Box(t), auth.Options{})
	corp := &app.Corp{CorpID: "ww_attr", Name: "归属"}
	ctx := app.WithActor(context.Background(), "user:1")
	require.NoError(t, core.Stores.Corps.CreateCorp(ctx, corp))
	q := &runs{}
	c := &chain{core: core, db: d, queue: q, ctx: ctx, corp: corp.ID, stores: map[int64]app.Store{}, codes: map[string]int64{},
		guides: map[string]app.Guide{}, touches: map[string][]app.Touch{}, buyer: map[string]string{},
		svc: attribution.New(attribution.Deps{Tx: d, Store: core.Stores.Credits, Org: core.Stores.Org, Queue: q, Audit: core.Audit})}
	c.buildOrg(t)
	rng := rand.New(rand.NewPCG(uint64(n.orders), 9))
	c.buildMembers(t, n.members)
	c.buildTouches(t, rng, n)
	c.buildOrders(t, rng, n)
	return c
}

func (c *chain) buildOrg(t *testing.T) {
	for _, st := range []app.Store{{Code: "S1", Kind: app.StoreKindStore}, {Code: "S2", Kind: app.StoreKindStore},
		{Code: "S3", Kind: app.StoreKindStore}, {Code: "ON", Kind: app.StoreKindOnline}} {
		st.CorpID, st.Name = c.corp, "门店"+st.Code
		require.NoError(t, c.core.Org.CreateStore(c.ctx, &st))
		c.stores[st.ID], c.codes[st.Code] = st, st.ID
		for i := 1; i <= 3; i++ {
			g := app.Guide{CorpID: c.corp, UserID: fmt.Sprintf("%s_g%d", st.Code, i), Name: fmt.Sprintf("导购%s%d", st.Code, i), StoreCode: st.Code, Role: app.GuideRoleGuide}
			require.NoError(t, c.core.Org.CreateGuide(c.ctx, &g))
			g.StoreID = st.ID
			c.guides[g.UserID] = g
		}
	}
}

// check compares every order's credit under r with the test's own
// computation from the chain it built.
func (c *chain) check(t *testing.T, r *app.AttributionRules) {
	orders := map[string]app.Order{}
	var ids []int64
	for after := int64(0); ; {
		page, err := c.core.Stores.Credits.OrdersAfter(c.ctx, c.corp, 0, after, 1000)
		require.NoError(t, err)
		if len(page) == 0 {
			break
		}
		for _, o := range page {
			orders[o.OrderNo], ids = o, append(ids, o.ID)
		}
		after = page[len(page)-1].ID
	}
	require.Len(t, orders, len(c.sales)+len(c.refunds))
	credits := map[int64][]app.Credit{}
	for start := 0; start < len(ids); start += 1000 {
		got, err := c.core.Stores.Credits.CreditsOf(c.ctx, c.corp, r.ID, ids[start:min(start+1000, len(ids))])
		require.NoError(t, err)
		for id, cs := range got {
			credits[id] = cs
		}
	}
	for _, in := range append(append([]app.OrderInput{}, c.sales...), c.refunds...) {
		o := orders[in.OrderNo]
		sale := o
		if o.Kind == app.OrderRefund {
			sale = orders[in.RefundOf]
		}
		b := attribution.Basis{Order: sale, Touches: c.touches[c.buyer[sale.OrderNo]], Guides: c.guides, Stores: c.stores}
		for _, m := range attribution.Models {
			var want map[key]float64
			if m == app.ModelRules {
				want = oracleRules(b, *r)
			} else {
				want = oracleModel(b, *r, m)
			}
			var got []app.Credit
			for _, cr := range credits[o.ID] {
				if cr.Model == m {
					got = append(got, cr)
				}
			}
			cents := 1.0001
			if o.Kind == app.OrderRefund {
				cents = 2.0001
			}
			compareWithin(t, fmt.Sprintf("v%d %s %s", r.Version, o.OrderNo, m), o.AmountCents, want, got, cents)
		}
	}
}

// checkDryRun: the dry run taken before the change moved credit exactly
// as the reports of the two versions now show, by guide, store and team.
func (c *chain) checkDryRun(t *testing.T, dry *attribution.DryRunResult, v1, v2 *app.AttributionRules, from, to time.Time) {
	want := map[string][2]int64{}
	for side, r := range []*app.AttributionRules{v1, v2} {
		for _, by := range []string{"guide", "store", "team"} {
			_, totals, err := c.svc.Report(c.ctx, c.core.Stores.Credits, c.corp, 0, r.ID, app.ModelRules, by, from, to)
			require.NoError(t, err)
			for _, row := range totals {
				v := want[by+":"+row.Key]
				v[side] = row.AmountCents
				want[by+":"+row.Key] = v
			}
		}
	}
	got := map[string][2]int64{}
	for _, sh := range dry.Shifts {
		if sh.Before != 0 || sh.After != 0 {
			got[sh.By+":"+sh.Key] = [2]int64{sh.Before, sh.After}
		}
	}
	for k, v := range want {
		if v == [2]int64{} {
			delete(want, k)
		}
	}
	require.Equal(t, want, got)
	require.Positive(t, dry.Orders)
}
