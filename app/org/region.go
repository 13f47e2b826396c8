package org

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// ListRegions returns a page of the corp's regions.
func (s *Service) ListRegions(ctx context.Context, corpID int64, p app.Page) ([]app.Region, int64, error) {
	return s.reader().ListRegions(ctx, corpID, p)
}

// FindRegion returns one region of the corp.
func (s *Service) FindRegion(ctx context.Context, corpID, id int64) (*app.Region, error) {
	return s.reader().FindRegion(ctx, corpID, id)
}

// CreateRegion validates and adds r.
func (s *Service) CreateRegion(ctx context.Context, r *app.Region) error {
	if err := ValidateRegion(r); err != nil {
		return err
	}
	return s.write(ctx, r.CorpID, func(st *db.OrgStore) (*change, error) {
		if err := st.CreateRegion(ctx, r); err != nil {
			return nil, err
		}
		return &change{"region.create", "region", r.ID, nil, r}, nil
	})
}

// UpdateRegion validates and renames r.
func (s *Service) UpdateRegion(ctx context.Context, r *app.Region) error {
	if err := ValidateRegion(r); err != nil {
		return err
	}
	return s.write(ctx, r.CorpID, func(st *db.OrgStore) (*change, error) {
		before, err := st.FindRegion(ctx, r.CorpID, r.ID)
		if err != nil {
			return nil, err
		}
		if err := st.UpdateRegion(ctx, r); err != nil {
			return nil, err
		}
		r.CreatedAt = before.CreatedAt
		return &change{"region.update", "region", r.ID, before, r}, nil
	})
}

// DeleteRegion deletes a region no store belongs to.
func (s *Service) DeleteRegion(ctx context.Context, corpID, id int64) error {
	return s.write(ctx, corpID, func(st *db.OrgStore) (*change, error) {
		before, err := st.FindRegion(ctx, corpID, id)
		if err != nil {
			return nil, err
		}
		return &change{"region.delete", "region", id, before, nil}, st.DeleteRegion(ctx, corpID, id)
	})
}
