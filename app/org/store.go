package org

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// ListStores returns a page of the corp's stores and online units.
func (s *Service) ListStores(ctx context.Context, corpID int64, p app.Page) ([]app.Store, int64, error) {
	return s.st.ListStores(ctx, corpID, p)
}

// FindStore returns one store of the corp.
func (s *Service) FindStore(ctx context.Context, corpID, id int64) (*app.Store, error) {
	return s.st.FindStore(ctx, corpID, id)
}

// CreateStore validates and adds st; its brand and region must be the corp's.
func (s *Service) CreateStore(ctx context.Context, st *app.Store) error {
	if err := ValidateStore(st); err != nil {
		return err
	}
	return s.write(ctx, st.CorpID, func(ctx context.Context) (*change, error) { return s.createStore(ctx, st) })
}

// UpdateStore validates and replaces st. Closing it this way follows the
// same rule as CloseStore.
func (s *Service) UpdateStore(ctx context.Context, st *app.Store) error {
	if err := ValidateStore(st); err != nil {
		return err
	}
	return s.write(ctx, st.CorpID, func(ctx context.Context) (*change, error) {
		before, err := s.st.FindStore(ctx, st.CorpID, st.ID)
		if err != nil {
			return nil, err
		}
		return s.updateStore(ctx, before, st)
	})
}

// CloseStore closes a store with no active guide; closing a closed store
// changes nothing.
func (s *Service) CloseStore(ctx context.Context, corpID, id int64) error {
	return s.write(ctx, corpID, func(ctx context.Context) (*change, error) {
		before, err := s.st.FindStore(ctx, corpID, id)
		if err != nil || before.Status == app.StoreClosed {
			return nil, err
		}
		after := *before
		after.Status = app.StoreClosed
		return s.updateStore(ctx, before, &after)
	})
}

func (s *Service) createStore(ctx context.Context, st *app.Store) (*change, error) {
	if err := checkStoreRefs(ctx, s.st, st); err != nil {
		return nil, err
	}
	st.ClosedAt = nil
	if st.Status == app.StoreClosed {
		now := s.now()
		st.ClosedAt = &now
	}
	if err := s.st.CreateStore(ctx, st); err != nil {
		return nil, err
	}
	return &change{"store.create", "store", st.ID, nil, st}, nil
}

// updateStore writes st over before, or nothing when nothing changes.
func (s *Service) updateStore(ctx context.Context, before, st *app.Store) (*change, error) {
	st.ID, st.CreatedAt, st.ClosedAt = before.ID, before.CreatedAt, before.ClosedAt
	if st.Status == app.StoreOpen {
		st.ClosedAt = nil
	} else if before.Status == app.StoreOpen {
		if err := checkNoActiveGuides(ctx, s.st, before); err != nil {
			return nil, err
		}
		now := s.now()
		st.ClosedAt = &now
	}
	if sameStore(before, st) {
		st.UpdatedAt = before.UpdatedAt
		return nil, nil
	}
	if err := checkStoreRefs(ctx, s.st, st); err != nil {
		return nil, err
	}
	if err := s.st.UpdateStore(ctx, st); err != nil {
		return nil, err
	}
	return &change{transition("store", before.Status, st.Status, app.StoreOpen, "close", "reopen"), "store", st.ID, before, st}, nil
}
