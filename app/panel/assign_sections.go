package panel

import (
	"cmp"
	"context"
	"slices"

	"github.com/siyu-scrm/siyu/app"
)

// Owners reads a customer's owners and recent history (app/assign).
type Owners interface {
	OwnerOf(ctx context.Context, corpID int64, externalUserID string) ([]app.Owner, error)
	LatestHistory(ctx context.Context, corpID int64, externalUserID string, limit int) ([]app.Assignment, error)
}

// Org reads guide bindings and stores (app/org).
type Org interface {
	GuidesByUserID(ctx context.Context, corpID int64, userIDs []string) (map[string]app.Guide, error)
	StoresByID(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Store, error)
}

// Names tells what people, stores and actors are called (app/names).
type Names interface {
	People(ctx context.Context, corpID int64, userIDs []string) (map[string]string, error)
	Stores(ctx context.Context, corpID int64, ids []*int64) (map[int64]app.Store, error)
	Actors(ctx context.Context, corpID int64, actors []string) (map[string]string, error)
}

// GuideTasks reads a guide's open tasks (app/todo).
type GuideTasks interface {
	OpenTasks(ctx context.Context, corpID int64, userID, externalUserID string) ([]app.GuideTask, error)
}

// AssignSections fills the owner, history and task sections from the
// capabilities that keep them, naming people and stores by name.
type AssignSections struct {
	Owners Owners
	Names  Names
	Tasks  GuideTasks
}

var (
	_ OwnerReader      = AssignSections{}
	_ AssignmentReader = AssignSections{}
	_ TaskReader       = AssignSections{}
)

// CustomerOwner is the customer's assigned owner; with several scopes
// (brands keeping customers apart) the most recently assigned.
func (a AssignSections) CustomerOwner(ctx context.Context, corpID int64, ext string) (*Owner, error) {
	owners, err := a.Owners.OwnerOf(ctx, corpID, ext)
	if err != nil {
		return nil, err
	}
	owners = slices.DeleteFunc(owners, func(o app.Owner) bool { return o.Status != app.OwnerAssigned })
	if len(owners) == 0 {
		return nil, nil
	}
	o := slices.MaxFunc(owners, func(x, y app.Owner) int { return x.AssignedAt.Compare(y.AssignedAt) })
	out := &Owner{GuideUserID: o.UserID, Since: &o.AssignedAt}
	people, err := a.Names.People(ctx, corpID, []string{o.UserID})
	if err != nil {
		return nil, err
	}
	stores, err := a.Names.Stores(ctx, corpID, []*int64{o.StoreID})
	if err != nil {
		return nil, err
	}
	out.GuideName = people[o.UserID]
	if o.StoreID != nil {
		out.StoreCode, out.StoreName = stores[*o.StoreID].Code, stores[*o.StoreID].Name
	}
	return out, nil
}

// AssignmentHistory is the customer's latest decisions, newest first,
// with people, stores and actors by name, read in a few queries however
// long the history is.
func (a AssignSections) AssignmentHistory(ctx context.Context, corpID int64, ext string, limit int) ([]Assignment, error) {
	hist, err := a.Owners.LatestHistory(ctx, corpID, ext, limit)
	if err != nil {
		return nil, err
	}
	var users, actors []string
	var stores []*int64
	for _, h := range hist {
		users, stores, actors = append(users, h.FromUserID, h.ToUserID), append(stores, h.ToStoreID), append(actors, h.Actor)
	}
	people, err := a.Names.People(ctx, corpID, users)
	if err != nil {
		return nil, err
	}
	byID, err := a.Names.Stores(ctx, corpID, stores)
	if err != nil {
		return nil, err
	}
	who, err := a.Names.Actors(ctx, corpID, actors)
	out := make([]Assignment, len(hist))
	for i, h := range hist {
		out[i] = Assignment{At: h.CreatedAt, FromGuide: cmp.Or(people[h.FromUserID], h.FromUserID),
			ToGuide: cmp.Or(people[h.ToUserID], h.ToUserID), Rule: h.Rule, RuleName: app.RuleLabel(h.Rule), Reason: h.Reason,
			Actor: h.Actor, ActorName: who[h.Actor]}
		if h.ToStoreID != nil {
			out[i].StoreName = byID[*h.ToStoreID].Name
		}
	}
	return out, err
}

// OpenTasks is the viewer's open tasks about the customer.
func (a AssignSections) OpenTasks(ctx context.Context, v app.PanelViewer, ext string) ([]Task, error) {
	ts, err := a.Tasks.OpenTasks(ctx, v.CorpID, v.UserID, ext)
	out := make([]Task, len(ts))
	for i, t := range ts {
		out[i] = Task{Title: t.Title, Kind: t.Kind, Due: t.DueAt}
	}
	return out, err
}

// Followers tells who follows a customer now (the directory's mirror).
type Followers interface {
	FollowersOf(ctx context.Context, corpID int64, externalUserID string) ([]string, error)
}

// StoreAccess admits a store manager to every customer whose home store
// is theirs: the store of one of the customer's owners (any scope,
// assigned or pooled), or, for a customer nobody was assigned yet (one
// Siyu only synced), the store of a guide who follows them.
type StoreAccess struct {
	Org       Org
	Owners    Owners
	Followers Followers
}

var _ app.PanelAccess = StoreAccess{}

// MayView reports whether v manages (active, role store manager) the
// customer's home store.
func (a StoreAccess) MayView(ctx context.Context, v app.PanelViewer, ext string) (bool, error) {
	gs, err := a.Org.GuidesByUserID(ctx, v.CorpID, []string{v.UserID})
	g, ok := gs[v.UserID]
	if err != nil || !ok || g.Role != app.GuideRoleManager || g.Status != app.GuideActive {
		return false, err
	}
	owners, err := a.Owners.OwnerOf(ctx, v.CorpID, ext)
	if err != nil || slices.ContainsFunc(owners, func(o app.Owner) bool { return o.StoreID != nil && *o.StoreID == g.StoreID }) {
		return err == nil, err
	}
	if slices.ContainsFunc(owners, func(o app.Owner) bool { return o.StoreID != nil }) {
		return false, nil // their home store is another
	}
	return a.followedFrom(ctx, v.CorpID, ext, g.StoreID)
}

// followedFrom reports whether a guide bound to store follows the
// customer.
func (a StoreAccess) followedFrom(ctx context.Context, corpID int64, ext string, store int64) (bool, error) {
	users, err := a.Followers.FollowersOf(ctx, corpID, ext)
	if err != nil || len(users) == 0 {
		return false, err
	}
	gs, err := a.Org.GuidesByUserID(ctx, corpID, users)
	for _, f := range gs {
		if f.StoreID == store {
			return true, err
		}
	}
	return false, err
}
