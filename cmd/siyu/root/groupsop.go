package root

import (
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/groupsop"
	"github.com/siyu-scrm/siyu/app/grouptag"
)

// buildGroupSOPs wires group SOPs; a step's group mass send goes through
// the mass-send capability, so it is built after buildMassSends.
func (g *Graph) buildGroupSOPs() {
	store := db.NewGroupSOPStore(g.DB)
	g.GroupSOPs = &groupsop.Service{Store: store, Ledger: store, Groups: store, Tasks: g.Todo, Sender: g.MassSends,
		Corps: g.Stores.Corps, Reports: store, Names: g.Stores.Directory, Audit: g.Audit}
}

// buildGroupTags wires Siyu group tags (群标签).
func (g *Graph) buildGroupTags() {
	g.GroupTags = &grouptag.Service{Store: db.NewGroupTagStore(g.DB), Audit: g.Audit}
}
