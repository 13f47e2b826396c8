package root

import (
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/uplift"
)

// UpliftDeps are what the uplift capability is built from: its own
// store (the only writer of uplift_results, and the reader of what it
// compares), the brands' RFM thresholds and the corps' zones.
func UpliftDeps(c *Core) uplift.Deps {
	return uplift.Deps{Store: db.NewUpliftStore(c.DB), Thresholds: c.Stores.RFM, Zones: c.Stores.Corps}
}

// buildUplift builds the measured uplift (提升测算) and its reader.
func (g *Graph) buildUplift(o Options) {
	d := UpliftDeps(g.Core)
	d.Log = o.Log
	g.Uplift, g.Uplifts = uplift.New(d, o.Uplift), db.NewUpliftStore(g.DB)
}
