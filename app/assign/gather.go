package assign

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// gatherer reads a situation inside the decision's transaction.
type gatherer struct {
	s     *Service
	st    *db.AssignStore
	org   *db.OrgStore
	a     app.CustomerAdd
	local time.Time // the add's time in the corp's zone
}

// gather reads what decide looks at, and the scope (shared pool or a
// brand keeping its customers apart) the decision is taken in.
func (s *Service) gather(ctx context.Context, tx *db.DB, a app.CustomerAdd, loc *time.Location) (situation, int64, error) {
	g := s.gatherer(tx, a, loc)
	sit := situation{Add: a, Local: g.local}
	var err error
	if sit.Channel, err = s.channelOf(ctx, g.st, a); err != nil {
		return sit, 0, err
	}
	if sit.Added, err = g.guide(ctx, a.UserID); err != nil {
		return sit, 0, err
	}
	if err := g.channelSide(ctx, &sit); err != nil {
		return sit, 0, err
	}
	scope, err := g.scope(ctx, sit.StoreID)
	if err != nil {
		return sit, 0, err
	}
	if err := g.owner(ctx, &sit, scope); err != nil {
		return sit, 0, err
	}
	return sit, scope, nil
}

// channelSide fills what the channel's rules need: its guides with their
// shifts, caps and loads, its backup, its last turn, and the store.
func (g gatherer) channelSide(ctx context.Context, sit *situation) error {
	ch := sit.Channel
	if ch == nil {
		if sit.Added != nil {
			sit.StoreID = &sit.Added.StoreID
		}
		return nil
	}
	sit.StoreID = ch.StoreID
	members, err := g.members(ctx, ch)
	if err != nil {
		return err
	}
	if ch.Kind == app.ChannelGuide && len(members) > 0 {
		sit.ChannelUser = &members[0]
		sit.StoreID = &members[0].StoreID
	}
	sit.Members = members
	if sit.LastTurn, err = g.st.ChannelTurn(ctx, g.a.CorpID, ch.ID); err != nil {
		return err
	}
	if ch.BackupUserID != "" {
		sit.Backup, err = g.guide(ctx, ch.BackupUserID)
	}
	return err
}

// owner fills the current owner in scope and whether their guide is still
// active; with no channel, the old home store's guides become candidates.
func (g gatherer) owner(ctx context.Context, sit *situation, scope int64) error {
	o, err := g.st.FindOwner(ctx, g.a.CorpID, scope, g.a.ExternalUserID)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	sit.Owner = o
	if o.UserID != "" {
		c, err := g.guide(ctx, o.UserID)
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

func (s *Service) gatherer(tx *db.DB, a app.CustomerAdd, loc *time.Location) gatherer {
	return gatherer{s: s, st: db.NewAssignStore(tx), org: db.NewOrgStore(tx), a: a, local: a.At.In(loc)}
}

// scope is 0 (the corp's shared pool) unless the store's brand keeps its
// customers apart, in which case it is the brand's id.
func (g gatherer) scope(ctx context.Context, storeID *int64) (int64, error) {
	if storeID == nil {
		return 0, nil
	}
	st, err := g.org.FindStore(ctx, g.a.CorpID, *storeID)
	if err != nil || st.BrandID == nil {
		return 0, err
	}
	b, err := g.org.FindBrand(ctx, g.a.CorpID, *st.BrandID)
	if err != nil || b.SharesCustomers {
		return 0, err
	}
	return b.ID, nil
}
