package root

import "github.com/siyu-scrm/siyu/app/stats"

// buildStats wires the daily aggregates: they read the ledgers and write
// their own tables through the stats store, tell corps' zones and list
// corps through the corp store, and find a guide's store (for a relation
// that ended) through the organisation's.
func (c *Core) buildStats() {
	st := c.Stores
	c.Stats = stats.New(stats.Deps{Tx: c.DB, Ledgers: st.Stats, Aggregates: st.Stats, Corps: st.Corps, Guides: st.Org})
}
