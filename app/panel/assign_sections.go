package panel

import (
	"context"
	"slices"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// AssignSections reads the owner, history and task sections from the
// assignment tables (app/assign writes them).
type AssignSections struct{ DB *db.DB }

var (
	_ OwnerReader      = AssignSections{}
	_ AssignmentReader = AssignSections{}
	_ TaskReader       = AssignSections{}
)

// CustomerOwner is the customer's assigned owner; with several scopes
// (brands keeping customers apart) the most recently assigned.
func (a AssignSections) CustomerOwner(ctx context.Context, corpID int64, ext string) (*Owner, error) {
	st := db.NewAssignStore(a.DB)
	owners, err := st.OwnersOf(ctx, corpID, ext)
	if err != nil {
		return nil, err
	}
	owners = slices.DeleteFunc(owners, func(o app.Owner) bool { return o.Status != app.OwnerAssigned })
	if len(owners) == 0 {
		return nil, nil
	}
	o := slices.MaxFunc(owners, func(x, y app.Owner) int { return x.AssignedAt.Compare(y.AssignedAt) })
	out := &Owner{GuideUserID: o.UserID, Since: &o.AssignedAt}
	if out.GuideName, _, err = st.Names(ctx, corpID, o.UserID, ext); err != nil {
		return nil, err
	}
	if o.StoreID != nil {
		out.StoreCode, out.StoreName, err = st.StoreNames(ctx, corpID, *o.StoreID)
	}
	return out, err
}

// AssignmentHistory is the customer's decisions, newest first.
func (a AssignSections) AssignmentHistory(ctx context.Context, corpID int64, ext string, limit int) ([]Assignment, error) {
	st := db.NewAssignStore(a.DB)
	hist, err := st.History(ctx, corpID, ext)
	if err != nil {
		return nil, err
	}
	slices.Reverse(hist)
	hist = hist[:min(len(hist), limit)]
	out := make([]Assignment, len(hist))
	for i, h := range hist {
		out[i] = Assignment{At: h.CreatedAt, FromGuide: h.FromUserID, ToGuide: h.ToUserID, Rule: h.Rule, Reason: h.Reason, Actor: h.Actor}
		if h.ToStoreID != nil {
			if _, out[i].StoreName, err = st.StoreNames(ctx, corpID, *h.ToStoreID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// OpenTasks is the viewer's open tasks about the customer.
func (a AssignSections) OpenTasks(ctx context.Context, v app.PanelViewer, ext string) ([]Task, error) {
	ts, err := db.NewAssignStore(a.DB).OpenTasks(ctx, v.CorpID, v.UserID, ext)
	out := make([]Task, len(ts))
	for i, t := range ts {
		out[i] = Task{Title: t.Title, Kind: t.Kind, Due: t.DueAt}
	}
	return out, err
}

// StoreAccess admits a store manager to the customers their store owns.
type StoreAccess struct{ DB *db.DB }

var _ app.PanelAccess = StoreAccess{}

// MayView reports whether v manages (active, role store manager) the home
// store of one of the customer's owners.
func (a StoreAccess) MayView(ctx context.Context, v app.PanelViewer, ext string) (bool, error) {
	st := db.NewAssignStore(a.DB)
	gs, err := st.GuidesByUserID(ctx, v.CorpID, []string{v.UserID})
	g, ok := gs[v.UserID]
	if err != nil || !ok || g.Role != app.GuideRoleManager || g.Status != app.GuideActive {
		return false, err
	}
	owners, err := st.OwnersOf(ctx, v.CorpID, ext)
	return slices.ContainsFunc(owners, func(o app.Owner) bool { return o.StoreID != nil && *o.StoreID == g.StoreID }), err
}
