package root

import (
	"github.com/siyu-scrm/siyu/app/dashboard"
	"github.com/siyu-scrm/siyu/app/db"
)

// buildDashboard wires the managers' dashboards (看板): they read the
// daily aggregates app/stats writes, names from the organisation and the
// directory, referral campaigns' figures, and the mass sends and
// journeys an uplift was measured on. Built after those capabilities.
func (g *Graph) buildDashboard() {
	g.Dashboard = dashboard.New(dashboard.Deps{Stats: db.NewStatsReadStore(g.DB), Names: g.Names(), Brands: g.Stores.Org,
		Channels: g.Stores.Channels, Referrals: g.Referrals, Uplifts: g.Uplifts, MassSends: g.MassSends, Journeys: g.Journeys,
		Method: g.Uplift.Method})
}
