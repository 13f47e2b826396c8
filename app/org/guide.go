package org

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// ListGuides returns a page of the corp's guides. An unknown status is
// refused rather than answered with an empty page.
func (s *Service) ListGuides(ctx context.Context, corpID int64, f app.GuideFilter) ([]app.Guide, int64, error) {
	if f.Status != "" && f.Status != app.GuideActive && f.Status != app.GuideLeft {
		return nil, 0, app.FieldInvalid("status", "状态应为在职（active）或离职（left）")
	}
	return s.st.ListGuides(ctx, corpID, f)
}

// FindGuide returns one guide of the corp.
func (s *Service) FindGuide(ctx context.Context, corpID, id int64) (*app.Guide, error) {
	return s.st.FindGuide(ctx, corpID, id)
}

// CreateGuide validates and binds a member to the store g.StoreCode names.
func (s *Service) CreateGuide(ctx context.Context, g *app.Guide) error {
	return s.write(ctx, g.CorpID, func(ctx context.Context) (*change, error) { return s.createGuide(ctx, g) })
}

// UpdateGuide validates and replaces g's binding: its name, store, role,
// status.
func (s *Service) UpdateGuide(ctx context.Context, g *app.Guide) error {
	return s.write(ctx, g.CorpID, func(ctx context.Context) (*change, error) {
		before, err := s.st.FindGuide(ctx, g.CorpID, g.ID)
		if err != nil {
			return nil, err
		}
		return s.updateGuide(ctx, before, g)
	})
}

// LeaveGuide marks a guide left; a guide who left already is unchanged.
func (s *Service) LeaveGuide(ctx context.Context, corpID, id int64) error {
	return s.write(ctx, corpID, func(ctx context.Context) (*change, error) {
		before, err := s.st.FindGuide(ctx, corpID, id)
		if err != nil || before.Status == app.GuideLeft {
			return nil, err
		}
		after := *before
		after.Status = app.GuideLeft
		return s.updateGuide(ctx, before, &after)
	})
}

func (s *Service) createGuide(ctx context.Context, g *app.Guide) (*change, error) {
	if err := s.checkGuide(ctx, g); err != nil {
		return nil, err
	}
	g.LeftAt = nil
	if g.Status == app.GuideLeft {
		now := s.now()
		g.LeftAt = &now
	}
	if err := s.st.CreateGuide(ctx, g); err != nil {
		return nil, err
	}
	return &change{"guide.create", "guide", g.ID, nil, g}, nil
}

// updateGuide writes g over before, or nothing when nothing changes.
func (s *Service) updateGuide(ctx context.Context, before, g *app.Guide) (*change, error) {
	g.ID, g.CreatedAt, g.LeftAt = before.ID, before.CreatedAt, before.LeftAt
	if err := s.checkGuide(ctx, g); err != nil {
		return nil, err
	}
	switch {
	case g.Status == app.GuideActive:
		g.LeftAt = nil
	case before.Status == app.GuideActive:
		now := s.now()
		g.LeftAt = &now
	}
	if g.UserID == before.UserID && g.Name == before.Name && g.StoreID == before.StoreID && g.Role == before.Role && g.Status == before.Status {
		g.UpdatedAt = before.UpdatedAt
		return nil, nil
	}
	if err := s.st.UpdateGuide(ctx, g); err != nil {
		return nil, err
	}
	return &change{transition("guide", before.Status, g.Status, app.GuideActive, "leave", "return"), "guide", g.ID, before, g}, nil
}

// checkGuide validates g alone, its store and its membership, and refuses
// it with every field at fault at once.
func (s *Service) checkGuide(ctx context.Context, g *app.Guide) error {
	alone := app.ErrorFields(ValidateGuide(g))
	var store error
	if g.StoreCode != "" {
		store = bindStore(ctx, s.st, g)
	}
	if store != nil && app.ErrorCode(store) != app.EINVALID {
		return store
	}
	member := s.checkMember(ctx, g)
	if member != nil && app.ErrorCode(member) != app.EINVALID {
		return member
	}
	return append(append(app.Fields(alone), app.ErrorFields(store)...), app.ErrorFields(member)...).Err()
}

// checkMember refuses an active guide who is not a WeCom member with
// customer contact enabled, naming the member, once the directory has
// synced (before that nothing can be told). A guide who left may be gone
// from WeCom already.
func (s *Service) checkMember(ctx context.Context, g *app.Guide) error {
	if s.members == nil || g.Status != app.GuideActive {
		return nil
	}
	found, synced, err := s.members.ContactMembers(ctx, g.CorpID, []string{g.UserID})
	if err != nil || !synced || found[g.UserID] {
		return err
	}
	return app.FieldInvalid("userid", "成员 "+g.UserID+" 不是企业微信中开启了客户联系的成员（或尚未同步），请检查成员账号")
}

// bindStore resolves g.StoreCode to the corp's store. An active guide
// joins only an open store; a guide who left may keep a closed one.
func bindStore(ctx context.Context, repo Store, g *app.Guide) error {
	st, err := repo.FindStoreByCode(ctx, g.CorpID, g.StoreCode)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return app.FieldInvalid("store_code", "门店 "+g.StoreCode+" 不存在")
	}
	if err != nil {
		return err
	}
	if st.Status == app.StoreClosed && g.Status == app.GuideActive {
		return app.FieldInvalid("store_code", "门店 "+g.StoreCode+" 已关闭，不能绑定在职导购")
	}
	g.StoreID = st.ID
	return nil
}
