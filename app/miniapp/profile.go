package miniapp

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// Member returns member id when it is the session's own member, merges
// followed both ways (a record merged into theirs, or theirs merged into
// another since login); forbidden otherwise: a session reaches only its
// own member's data.
func (s *Service) Member(ctx context.Context, ms *app.MiniSession, id int64) (*app.Member, error) {
	own, err := s.Members.Find(ctx, ms.CorpID, ms.MemberID)
	if err != nil || id == ms.MemberID || id == own.ID {
		return own, err
	}
	m, err := s.Members.Find(ctx, ms.CorpID, id)
	if err != nil || m.ID != own.ID {
		return nil, app.Errorf(app.EFORBIDDEN, "只能查看自己的会员信息")
	}
	return own, nil
}

// Guide is who serves a consumer: their guide and store by name, and the
// channel code (渠道活码) that adds them, when there is one.
type Guide struct {
	GuideName string
	StoreName string
	// How is the way to add them, in Chinese; QRCodeURL is WeCom's image
	// of the guide's (or store's) code, "" when neither has one.
	How       string
	QRCodeURL string
}

// Guide finds the session member's guide: the owner of a WeCom customer
// the member is; else the member's home store.
func (s *Service) Guide(ctx context.Context, ms *app.MiniSession) (*Guide, error) {
	m, err := s.Members.Find(ctx, ms.CorpID, ms.MemberID)
	if err != nil {
		return nil, err
	}
	o, err := s.ownerOf(ctx, m)
	if err != nil {
		return nil, err
	}
	g := &Guide{}
	storeID := m.HomeStoreID
	if o != nil {
		guide, err := s.Org.FindGuideByUserID(ctx, m.CorpID, o.UserID)
		if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
			return nil, err
		}
		switch {
		case guide != nil:
			g.GuideName, storeID = guide.Name, &guide.StoreID
		case o.StoreID != nil: // a guide Siyu has no binding for: the owner's store
			storeID = o.StoreID
		}
	}
	if storeID != nil {
		st, err := s.Org.FindStore(ctx, m.CorpID, *storeID)
		if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
			return nil, err
		}
		if st != nil {
			g.StoreName = st.Name
		}
	}
	return g, s.howToAdd(ctx, m.CorpID, o, storeID, g)
}

// ownerOf is the assigned owner of the first WeCom customer the member
// is that has a guide; nil when none.
func (s *Service) ownerOf(ctx context.Context, m *app.Member) (*app.Owner, error) {
	keys, err := s.Members.IdentitiesOf(ctx, m.CorpID, m.ID)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		if k.Kind != app.KeyExternal {
			continue
		}
		owners, err := s.Owners.OwnersOf(ctx, m.CorpID, k.Value)
		if err != nil {
			return nil, err
		}
		for i := range owners {
			if owners[i].UserID != "" && owners[i].Status == app.OwnerAssigned {
				return &owners[i], nil
			}
		}
	}
	return nil, nil
}
