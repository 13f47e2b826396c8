package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// ListBrands returns a page of the corp's brands in id order.
func (s *OrgStore) ListBrands(ctx context.Context, corpID int64, p app.Page) ([]app.Brand, int64, error) {
	return listIn(ctx, s.db, "brands", corpID, p, func(b app.Brand) int64 { return b.ID }, "品牌")
}

// FindBrand returns brand id of corpID.
func (s *OrgStore) FindBrand(ctx context.Context, corpID, id int64) (*app.Brand, error) {
	return findBy[app.Brand](ctx, s.db, "brands", corpID, "id", id, "品牌")
}

// FindBrandByName returns the corp's brand called name.
func (s *OrgStore) FindBrandByName(ctx context.Context, corpID int64, name string) (*app.Brand, error) {
	return findBy[app.Brand](ctx, s.db, "brands", corpID, "name", name, "品牌")
}

// CreateBrand inserts b, filling its ID and times; a taken name conflicts.
func (s *OrgStore) CreateBrand(ctx context.Context, b *app.Brand) error {
	return domainError(s.db.with(ctx).Table("brands").Create(b).Error, "同名品牌")
}

// UpdateBrand writes b's name and sharing flag.
func (s *OrgStore) UpdateBrand(ctx context.Context, b *app.Brand) error {
	return s.updateRow(ctx, "brands", b.CorpID, b.ID, map[string]any{"name": b.Name, "shares_customers": b.SharesCustomers}, "品牌", "同名品牌")
}

// DeleteBrand deletes brand id unless a store belongs to it.
func (s *OrgStore) DeleteBrand(ctx context.Context, corpID, id int64) error {
	return s.deleteUnused(ctx, "brands", "brand_id", corpID, id, "品牌")
}

// ListRegions returns a page of the corp's regions in id order.
func (s *OrgStore) ListRegions(ctx context.Context, corpID int64, p app.Page) ([]app.Region, int64, error) {
	return listIn(ctx, s.db, "regions", corpID, p, func(r app.Region) int64 { return r.ID }, "区域")
}

// FindRegion returns region id of corpID.
func (s *OrgStore) FindRegion(ctx context.Context, corpID, id int64) (*app.Region, error) {
	return findBy[app.Region](ctx, s.db, "regions", corpID, "id", id, "区域")
}

// FindRegionByName returns the corp's region called name.
func (s *OrgStore) FindRegionByName(ctx context.Context, corpID int64, name string) (*app.Region, error) {
	return findBy[app.Region](ctx, s.db, "regions", corpID, "name", name, "区域")
}

// CreateRegion inserts r, filling its ID and times; a taken name conflicts.
func (s *OrgStore) CreateRegion(ctx context.Context, r *app.Region) error {
	return domainError(s.db.with(ctx).Table("regions").Create(r).Error, "同名区域")
}

// UpdateRegion writes r's name.
func (s *OrgStore) UpdateRegion(ctx context.Context, r *app.Region) error {
	return s.updateRow(ctx, "regions", r.CorpID, r.ID, map[string]any{"name": r.Name}, "区域", "同名区域")
}

// DeleteRegion deletes region id unless a store belongs to it.
func (s *OrgStore) DeleteRegion(ctx context.Context, corpID, id int64) error {
	return s.deleteUnused(ctx, "regions", "region_id", corpID, id, "区域")
}
