package panel

import (
	"context"
	"maps"
	"slices"

	"github.com/siyu-scrm/siyu/app"
)

// Scopes tells the brand scope of a viewer's store (app/db's OrgStore).
type Scopes interface {
	GuidesByUserID(ctx context.Context, corpID int64, userIDs []string) (map[string]app.Guide, error)
	StoreScope(ctx context.Context, corpID int64, storeID *int64) (int64, error)
}

// Members finds member records by the keys they hold and reads them
// (app/db's MemberStore; app/member is their writer).
type Members interface {
	HoldersOf(ctx context.Context, corpID, scope int64, kind string, values []string) (map[string]int64, error)
	MembersByID(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Member, error)
}

// Merges follow member records along their merges, as RFM and
// attribution do (app/db's AttributionStore).
type Merges interface {
	Survivors(ctx context.Context, corpID int64, memberIDs []int64) (map[int64]int64, error)
	Family(ctx context.Context, corpID int64, survivors []int64) (map[int64]int64, error)
}

// RFMs reads a member's class and stage as last computed (app/rfm's
// table, through app/db's RFMStore); nil before the first computation.
type RFMs interface {
	MemberRFM(ctx context.Context, corpID, memberID int64) (*app.MemberRFM, error)
}

// MemberSections fills the member and order sections from the
// capabilities that keep members, merges, RFM classes and orders.
type MemberSections struct {
	Scopes  Scopes
	Members Members
	Merges  Merges
	RFM     RFMs
	Sales   Sales
	Names   Names
}

var (
	_ MemberReader = MemberSections{}
	_ OrderReader  = MemberSections{}
)

// MemberSummary is the customer's member as the viewer's brand knows
// them: the surviving record, with the phone masked and the RFM class and
// stage in Chinese.
func (m MemberSections) MemberSummary(ctx context.Context, v app.PanelViewer, ext string) (*Member, error) {
	survivor, records, err := m.buyer(ctx, v, ext)
	if err != nil || survivor == 0 {
		return nil, err
	}
	ms, err := m.Members.MembersByID(ctx, v.CorpID, records)
	if err != nil {
		return nil, err
	}
	rec := ms[survivor]
	out := &Member{MemberNo: rec.MemberNo, Level: rec.Tier, Points: rec.Points, PhoneMasked: app.MaskPhone(rec.PhoneMasked)}
	for _, r := range ms {
		if out.Since == nil || r.CreatedAt.Before(*out.Since) {
			at := r.CreatedAt
			out.Since = &at
		}
	}
	rfm, err := m.RFM.MemberRFM(ctx, v.CorpID, survivor)
	if rfm != nil {
		out.RFMClass, out.Stage = app.RFMClassNames[rfm.Class], app.StageNames[rfm.Stage]
	}
	return out, err
}

// buyer finds the customer's member in the viewer's scope: the record
// holding the customer's external_userid, followed along its merges to
// the survivor, and every record merged into that survivor (their
// orders are the survivor's). survivor is 0 when no member is linked.
func (m MemberSections) buyer(ctx context.Context, v app.PanelViewer, ext string) (survivor int64, records []int64, err error) {
	scope, err := m.scope(ctx, v)
	if err != nil {
		return 0, nil, err
	}
	held, err := m.Members.HoldersOf(ctx, v.CorpID, scope, app.KeyExternal, []string{ext})
	if err != nil || held[ext] == 0 {
		return 0, nil, err
	}
	surv, err := m.Merges.Survivors(ctx, v.CorpID, []int64{held[ext]})
	if err != nil || surv[held[ext]] == 0 {
		return 0, nil, err
	}
	survivor = surv[held[ext]]
	fam, err := m.Merges.Family(ctx, v.CorpID, []int64{survivor})
	return survivor, slices.Sorted(maps.Keys(fam)), err
}

// scope is the brand scope of the viewer's store: the corp's shared pool
// for a member bound to no store (as the touch ledger places them).
func (m MemberSections) scope(ctx context.Context, v app.PanelViewer) (int64, error) {
	gs, err := m.Scopes.GuidesByUserID(ctx, v.CorpID, []string{v.UserID})
	g, ok := gs[v.UserID]
	if err != nil || !ok {
		return 0, err
	}
	return m.Scopes.StoreScope(ctx, v.CorpID, &g.StoreID)
}
