package root

import (
	"context"

	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/masssend"
	"github.com/siyu-scrm/siyu/app/material"
	"github.com/siyu-scrm/siyu/wecom"
)

// buildMassSends builds the mass-send capability (群发) on its own store,
// with the materials its attachments name (aged on the same clock).
func (g *Graph) buildMassSends(o Options) {
	g.Materials = material.New(material.Deps{Store: db.NewMaterialStore(g.DB), Clients: wecom.As[material.WeCom](g.Clients),
		Audit: g.Audit, Log: o.Log, Now: o.MassSendClock})
	g.MassSendStore = db.NewMassSendStore(g.DB)
	g.MassSends = masssend.New(masssend.Deps{Tx: g.DB, Store: g.MassSendStore, Corps: g.Stores.Corps, Tasks: g.Todo,
		Touches: g.Touch, Clients: wecom.As[masssend.WeCom](g.Clients), Queue: g.Enqueuer, Media: g.Materials, Audit: g.Audit, Log: o.Log,
		Options: o.MassSend, Now: o.MassSendClock})
}

// massSendFollow is the periodic pass over every active mass send.
func (g *Graph) massSendFollow(ctx context.Context) error { return g.MassSends.FollowAll(ctx) }
