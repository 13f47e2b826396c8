package org

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// ListRegions returns a page of the corp's regions.
func (s *Service) ListRegions(ctx context.Context, corpID int64, p app.Page) ([]app.Region, int64, error) {
	return s.st.ListRegions(ctx, corpID, p)
}

// FindRegion returns one region of the corp.
func (s *Service) FindRegion(ctx context.Context, corpID, id int64) (*app.Region, error) {
	return s.st.FindRegion(ctx, corpID, id)
}

// CreateRegion validates and adds r.
func (s *Service) CreateRegion(ctx context.Context, r *app.Region) error {
	if err := ValidateRegion(r); err != nil {
		return err
	}
	return s.write(ctx, r.CorpID, func(ctx context.Context) (*change, error) {
		if err := s.st.CreateRegion(ctx, r); err != nil {
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
	return s.write(ctx, r.CorpID, func(ctx context.Context) (*change, error) {
		before, err := s.st.FindRegion(ctx, r.CorpID, r.ID)
		if err != nil {
			return nil, err
		}
		if err := s.st.UpdateRegion(ctx, r); err != nil {
			return nil, err
		}
		r.CreatedAt = before.CreatedAt
		return &change{"region.update", "region", r.ID, before, r}, nil
	})
}

// DeleteRegion deletes a region no store belongs to.
func (s *Service) DeleteRegion(ctx context.Context, corpID, id int64) error {
	return s.write(ctx, corpID, func(ctx context.Context) (*change, error) {
		before, err := s.st.FindRegion(ctx, corpID, id)
		if err != nil {
			return nil, err
		}
		return &change{"region.delete", "region", id, before, nil}, s.st.DeleteRegion(ctx, corpID, id)
	})
}
