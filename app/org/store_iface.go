package org

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Store keeps the organisation's tables (app/db's OrgStore); org is their
// only writer.
type Store interface {
	Brands
	Regions
	Stores
	Guides
}

// Brands are the corp's brands.
type Brands interface {
	ListBrands(ctx context.Context, corpID int64, p app.Page) ([]app.Brand, int64, error)
	FindBrand(ctx context.Context, corpID, id int64) (*app.Brand, error)
	FindBrandByName(ctx context.Context, corpID int64, name string) (*app.Brand, error)
	CreateBrand(ctx context.Context, b *app.Brand) error
	UpdateBrand(ctx context.Context, b *app.Brand) error
	DeleteBrand(ctx context.Context, corpID, id int64) error
}

// Regions are the corp's management regions.
type Regions interface {
	ListRegions(ctx context.Context, corpID int64, p app.Page) ([]app.Region, int64, error)
	FindRegion(ctx context.Context, corpID, id int64) (*app.Region, error)
	FindRegionByName(ctx context.Context, corpID int64, name string) (*app.Region, error)
	CreateRegion(ctx context.Context, r *app.Region) error
	UpdateRegion(ctx context.Context, r *app.Region) error
	DeleteRegion(ctx context.Context, corpID, id int64) error
}

// Stores are the corp's stores and online team.
type Stores interface {
	ListStores(ctx context.Context, corpID int64, p app.Page) ([]app.Store, int64, error)
	FindStore(ctx context.Context, corpID, id int64) (*app.Store, error)
	FindStoreByCode(ctx context.Context, corpID int64, code string) (*app.Store, error)
	CreateStore(ctx context.Context, st *app.Store) error
	UpdateStore(ctx context.Context, st *app.Store) error
	CloseStore(ctx context.Context, corpID, id int64, at time.Time) error
}

// Guides are the members bound to stores.
type Guides interface {
	ListGuides(ctx context.Context, corpID int64, f app.GuideFilter) ([]app.Guide, int64, error)
	FindGuide(ctx context.Context, corpID, id int64) (*app.Guide, error)
	FindGuideByUserID(ctx context.Context, corpID int64, userID string) (*app.Guide, error)
	CreateGuide(ctx context.Context, g *app.Guide) error
	UpdateGuide(ctx context.Context, g *app.Guide) error
	LeaveGuide(ctx context.Context, corpID, id int64, at time.Time) error
	CountActiveGuides(ctx context.Context, corpID, storeID int64) (int64, error)
}
