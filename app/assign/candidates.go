package assign

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// guide is userID as a candidate from the bindings read, nil when the
// member is not a guide. A guide is active while bound and not left;
// members sets shifts and caps.
func (g *gatherer) guide(userID string) *candidate {
	gd, ok := g.guides[userID]
	if !ok || userID == "" {
		return nil
	}
	return &candidate{UserID: userID, StoreID: gd.StoreID, Active: gd.Status == app.GuideActive, OnShift: true, UnderCap: true}
}

// lookup is guide for a member the static read did not cover.
func (g *gatherer) lookup(ctx context.Context, userID string) (*candidate, error) {
	if _, ok := g.guides[userID]; !ok {
		gd, err := g.s.Org.FindGuideByUserID(ctx, g.a.CorpID, userID)
		if app.ErrorCode(err) == app.ENOTFOUND {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		g.guides[userID] = *gd
	}
	return g.guide(userID), nil
}

// members are the channel's guides in turn order, as candidates at the
// add's time; a store channel without members has the store's guides.
func (g *gatherer) members(ctx context.Context, ch *app.Channel) ([]candidate, error) {
	daily, err := g.s.Store.DailyAdds(ctx, g.a.CorpID, ch.ID, app.CapDay(g.local, g.local.Location()))
	if err != nil {
		return nil, err
	}
	if len(ch.Members) == 0 && ch.StoreID != nil {
		cs, err := g.storeGuides(ctx, *ch.StoreID)
		for i := range cs {
			cs[i].Today = daily[cs[i].UserID]
			cs[i].UnderCap = ch.DailyCap == 0 || cs[i].Today < ch.DailyCap
		}
		return cs, err
	}
	var out []candidate
	for _, m := range ch.Members {
		c := g.guide(m.UserID)
		if c == nil {
			c = &candidate{UserID: m.UserID} // not (or no longer) a guide: never chosen
		}
		c.OnShift = app.OnShift(m.Shifts, g.local)
		c.Today = daily[m.UserID]
		c.UnderCap = ch.DailyCap == 0 || c.Today < ch.DailyCap
		out = append(out, *c)
	}
	return out, g.loads(ctx, out)
}

// storeGuides are the store's active guides in id order, with loads.
func (g *gatherer) storeGuides(ctx context.Context, storeID int64) ([]candidate, error) {
	gs, _, err := g.s.Org.ListGuides(ctx, g.a.CorpID, app.GuideFilter{Page: app.Page{Limit: app.MaxPageSize}, StoreID: storeID, Status: app.GuideActive})
	if err != nil {
		return nil, err
	}
	out := make([]candidate, len(gs))
	for i, gd := range gs {
		out[i] = candidate{UserID: gd.UserID, StoreID: gd.StoreID, Active: true, OnShift: true, UnderCap: true}
	}
	return out, g.loads(ctx, out)
}

// loads fills each candidate's count of owned customers.
func (g *gatherer) loads(ctx context.Context, cs []candidate) error {
	if len(cs) == 0 {
		return nil
	}
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.UserID
	}
	loads, err := g.s.Store.Loads(ctx, g.a.CorpID, ids)
	for i := range cs {
		cs[i].Load = loads[cs[i].UserID]
	}
	return err
}
