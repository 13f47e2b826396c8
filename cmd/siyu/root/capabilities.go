package root

import (
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app/assign"
	"github.com/siyu-scrm/siyu/app/channel"
	"github.com/siyu-scrm/siyu/app/directory"
	"github.com/siyu-scrm/siyu/app/journey"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/transfer"
	"github.com/siyu-scrm/siyu/wecom"
)

func (g *Graph) buildDirectory(o Options) {
	g.Dir = directory.New(directory.Deps{Tx: g.DB, Store: g.Stores.Directory, Claims: g.Stores.Inbox, Fanout: g.Registry,
		Clients: wecom.As[directory.WeCom](g.Clients), Locks: g.Redis, Audit: g.Audit, Log: o.Log, Progress: metrics.NewSyncProgress(o.Metrics.Registry)})
}

func (g *Graph) buildChannels(o Options) {
	g.Channels = channel.New(g.ChannelDeps(), channel.Options{Log: o.Log.With("component", "channel"), QR: o.QR})
}

// ChannelDeps are what the channel capability is built from (tests build
// one with WeCom clients of their own).
func (g *Graph) ChannelDeps() channel.Deps {
	st := g.Stores
	return channel.Deps{Tx: g.DB, Store: st.Channels, Org: st.Org, Tags: st.Directory, Zones: st.Corps,
		Caps: st.Assign, Audit: g.Audit, Clients: wecom.As[channel.ContactWays](g.Clients)}
}

func (g *Graph) buildAssign(o Options) {
	st := g.Stores
	g.Assign = assign.New(assign.Deps{Tx: g.DB, Store: st.Assign, Welcomes: st.Welcomes, Org: orgReads{st.Org, g.Org}, Channels: g.Channels,
		Names: st.Directory, Tags: g.Dir, Tasks: g.Todo, Audit: g.Audit, Zones: st.Corps, Clients: wecom.As[assign.WeCom](g.Clients),
		Refresh: g.Dir, Router: g.Channels, Touches: g.Touch, Log: o.Log, DefaultWelcome: o.DefaultWelcome, WelcomeLease: o.WelcomeLease})
}

func (g *Graph) buildTransfers(o Options) {
	g.Transfers = transfer.New(g.TransferDeps(o.Log, o.TransferClock))
}

// TransferDeps are what the transfer capability is built from (tests
// build one without a queue, to act on a transfer before it is sent).
func (g *Graph) TransferDeps(log *slog.Logger, clock func() time.Time) transfer.Deps {
	st := g.Stores
	return transfer.Deps{Tx: g.DB, Store: st.Transfers, Owners: g.Assign, Tasks: g.Todo, Org: orgReads{st.Org, g.Org},
		Directory: st.Directory, Audit: g.Audit, Clients: wecom.As[transfer.WeCom](g.Clients), Queue: g.Enqueuer, Log: log, Now: clock}
}

// buildJourneys wires customer journeys; a single-customer mass-send
// step goes through the mass-send capability, built before.
func (g *Graph) buildJourneys(o Options) {
	st := g.Stores
	g.Journeys = journey.New(journey.Deps{Store: st.Journeys, Tasks: g.Todo, Zones: st.Corps, Clients: wecom.As[journey.WeCom](g.Clients),
		Tags: g.Dir, Mass: g.MassSends, Audit: g.Audit, Log: o.Log.With("component", "journey")})
}
