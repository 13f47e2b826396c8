package org

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// ListBrands returns a page of the corp's brands.
func (s *Service) ListBrands(ctx context.Context, corpID int64, p app.Page) ([]app.Brand, int64, error) {
	return s.st.ListBrands(ctx, corpID, p)
}

// FindBrand returns one brand of the corp.
func (s *Service) FindBrand(ctx context.Context, corpID, id int64) (*app.Brand, error) {
	return s.st.FindBrand(ctx, corpID, id)
}

// CreateBrand validates and adds b.
func (s *Service) CreateBrand(ctx context.Context, b *app.Brand) error {
	if err := ValidateBrand(b); err != nil {
		return err
	}
	return s.write(ctx, b.CorpID, func(ctx context.Context) (*change, error) {
		if err := s.st.CreateBrand(ctx, b); err != nil {
			return nil, err
		}
		return &change{"brand.create", "brand", b.ID, nil, b}, nil
	})
}

// UpdateBrand validates and replaces b's name and sharing flag.
func (s *Service) UpdateBrand(ctx context.Context, b *app.Brand) error {
	if err := ValidateBrand(b); err != nil {
		return err
	}
	return s.write(ctx, b.CorpID, func(ctx context.Context) (*change, error) {
		before, err := s.st.FindBrand(ctx, b.CorpID, b.ID)
		if err != nil {
			return nil, err
		}
		if err := s.st.UpdateBrand(ctx, b); err != nil {
			return nil, err
		}
		b.CreatedAt = before.CreatedAt
		return &change{"brand.update", "brand", b.ID, before, b}, nil
	})
}

// DeleteBrand deletes a brand no store belongs to.
func (s *Service) DeleteBrand(ctx context.Context, corpID, id int64) error {
	return s.write(ctx, corpID, func(ctx context.Context) (*change, error) {
		before, err := s.st.FindBrand(ctx, corpID, id)
		if err != nil {
			return nil, err
		}
		return &change{"brand.delete", "brand", id, before, nil}, s.st.DeleteBrand(ctx, corpID, id)
	})
}
