package assign

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// gatherer reads a situation. What changes only with configuration (the
// channel, guide bindings, the scope) is read before the corp's decision
// lock is taken; what decisions change (owners, counts, turns) under it,
// so the lock is held for as few statements as possible.
type gatherer struct {
	s      *Service
	a      app.CustomerAdd
	local  time.Time            // the add's time in the corp's zone
	guides map[string]app.Guide // bindings of the members the add concerns
}

func (s *Service) gatherer(a app.CustomerAdd, loc *time.Location) gatherer {
	return gatherer{s: s, a: a, local: a.At.In(loc),
		guides: map[string]app.Guide{}}
}

// static reads the channel, the bindings of every guide it names and of
// the member added, and the scope; outside the lock.
func (g *gatherer) static(ctx context.Context) (situation, int64, error) {
	sit := situation{Add: g.a, Local: g.local}
	var err error
	if sit.Channel, err = channelOf(ctx, g.s.Channels, g.a); err != nil {
		return sit, 0, err
	}
	ids := []string{g.a.UserID}
	if ch := sit.Channel; ch != nil {
		ids = append(ids, ch.BackupUserID)
		for _, m := range ch.Members {
			ids = append(ids, m.UserID)
		}
	}
	if g.guides, err = g.s.Org.GuidesByUserID(ctx, g.a.CorpID, ids); err != nil {
		return sit, 0, err
	}
	sit.Added = g.guide(g.a.UserID)
	sit.StoreID = g.storeOf(sit)
	scope, err := g.s.Org.StoreScope(ctx, g.a.CorpID, sit.StoreID)
	return sit, scope, err
}

// storeOf is the store the add belongs to before any decision: the
// channel's, a guide channel's guide's, or the added guide's.
func (g *gatherer) storeOf(sit situation) *int64 {
	switch ch := sit.Channel; {
	case ch == nil && sit.Added != nil:
		return &sit.Added.StoreID
	case ch == nil:
		return nil
	case ch.Kind == app.ChannelGuide && len(ch.Members) > 0:
		if c := g.guide(ch.Members[0].UserID); c != nil {
			return &c.StoreID
		}
	}
	return sit.Channel.StoreID
}

// dynamic fills, under the lock, what earlier decisions change: the
// channel's candidates with caps and loads, its turn, and the owner.
func (g *gatherer) dynamic(ctx context.Context, sit *situation, scope int64) error {
	if ch := sit.Channel; ch != nil {
		members, err := g.members(ctx, ch)
		if err != nil {
			return err
		}
		sit.Members = members
		if ch.Kind == app.ChannelGuide && len(members) > 0 {
			sit.ChannelUser = &members[0]
		}
		if sit.LastTurn, err = g.s.Store.ChannelTurn(ctx, g.a.CorpID, ch.ID); err != nil {
			return err
		}
		sit.Backup = g.guide(ch.BackupUserID)
	}
	return g.owner(ctx, sit, scope)
}

// owner fills the current owner in scope and whether their guide is still
// active; with no channel, the old home store's guides become candidates.
func (g *gatherer) owner(ctx context.Context, sit *situation, scope int64) error {
	o, err := g.s.Store.FindOwner(ctx, g.a.CorpID, scope, g.a.ExternalUserID)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	sit.Owner = o
	if o.UserID != "" {
		c, err := g.lookup(ctx, o.UserID)
		if err != nil {
			return err
		}
		sit.OwnerActive = c != nil && c.Active
	}
	if sit.Channel == nil && o.StoreID != nil && !(sit.Added != nil && sit.Added.Active) {
		sit.Members, err = g.storeGuides(ctx, *o.StoreID)
	}
	return err
}
