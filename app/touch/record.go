package touch

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// kinds are the touches Record accepts.
var kinds = map[string]bool{app.TouchAdd: true, app.TouchWelcome: true, app.TouchOwner: true, app.TouchTag: true,
	app.TouchPanelSend: true, app.TouchMassSend: true, app.TouchGroupJoin: true, app.TouchShareClick: true, app.TouchReferral: true,
	app.TouchOASubscribe: true, app.TouchOAScan: true, app.TouchOAUnsubscribe: true, app.TouchOAClick: true,
	app.TouchOAView: true, app.TouchOATemplate: true}

// Record appends touches to the ledger, each once per SourceID. Called
// inside the caller's transaction, the touch commits with the effect it
// records. A touch naming a guide and no store is placed in the guide's
// store; a customer who is a member is linked to them.
func (s *Service) Record(ctx context.Context, ts ...app.Touch) error {
	if err := s.placeGuides(ctx, ts); err != nil {
		return err
	}
	for i := range ts {
		if err := s.complete(ctx, &ts[i]); err != nil {
			return err
		}
	}
	return s.Store.AppendTouches(ctx, ts)
}

// placeGuides puts each touch that names a guide and no store in the
// guide's store, reading the guides of each corp once.
func (s *Service) placeGuides(ctx context.Context, ts []app.Touch) error {
	byCorp := map[int64][]string{}
	for _, t := range ts {
		if t.StoreID == nil && t.UserID != "" {
			byCorp[t.CorpID] = append(byCorp[t.CorpID], t.UserID)
		}
	}
	for corpID, users := range byCorp {
		gs, err := s.Org.GuidesByUserID(ctx, corpID, users)
		if err != nil {
			return err
		}
		for i := range ts {
			if g, ok := gs[ts[i].UserID]; ok && ts[i].CorpID == corpID && ts[i].StoreID == nil {
				ts[i].StoreID = &g.StoreID
			}
		}
	}
	return nil
}

// complete checks t and fills what the ledger derives: the member and
// the time.
func (s *Service) complete(ctx context.Context, t *app.Touch) error {
	if !kinds[t.Kind] || t.SourceID == "" || t.CorpID == 0 {
		return fmt.Errorf("touch %q from %q: not a touch the ledger keeps", t.Kind, t.SourceID)
	}
	if t.At.IsZero() {
		t.At = s.now()
	}
	t.At = t.At.UTC()
	if t.MemberID == nil && t.ExternalUserID != "" && s.Members != nil {
		return s.linkMember(ctx, t)
	}
	return nil
}

// linkMember sets the member the touch's customer is, in the scope of
// the touch's store.
func (s *Service) linkMember(ctx context.Context, t *app.Touch) error {
	scope, err := s.Org.StoreScope(ctx, t.CorpID, t.StoreID)
	if err != nil {
		return err
	}
	m, err := s.Members.MatchMember(ctx, t.CorpID, scope, app.MemberKeys{Externals: []string{t.ExternalUserID}})
	if err != nil || m == nil {
		return err
	}
	t.MemberID = &m.ID
	return nil
}

// detail is v as a touch's detail.
func detail(v map[string]any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Touches lists a customer's touches, newest first.
func (s *Service) Touches(ctx context.Context, corpID int64, externalUserID string, limit int) ([]app.Touch, error) {
	return s.Store.TouchesOf(ctx, corpID, externalUserID, limit)
}

// List pages the corp's touches narrowed by f.
func (s *Service) List(ctx context.Context, corpID int64, f app.TouchFilter) ([]app.Touch, int64, error) {
	return s.Store.ListTouches(ctx, corpID, f)
}
