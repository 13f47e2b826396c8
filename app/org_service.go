package app

import "context"

// Every list below pages by id (see Page) and returns the cursor of the
// next page, 0 on the last. Every method is scoped to corpID: an id of
// another corp is not found.

// BrandService manages a corp's brands. A brand still used by a store
// cannot be deleted.
type BrandService interface {
	ListBrands(ctx context.Context, corpID int64, p Page) ([]Brand, int64, error)
	FindBrand(ctx context.Context, corpID, id int64) (*Brand, error)
	CreateBrand(ctx context.Context, b *Brand) error
	UpdateBrand(ctx context.Context, b *Brand) error
	DeleteBrand(ctx context.Context, corpID, id int64) error
}

// RegionService manages a corp's regions, deleted only when unused.
type RegionService interface {
	ListRegions(ctx context.Context, corpID int64, p Page) ([]Region, int64, error)
	FindRegion(ctx context.Context, corpID, id int64) (*Region, error)
	CreateRegion(ctx context.Context, r *Region) error
	UpdateRegion(ctx context.Context, r *Region) error
	DeleteRegion(ctx context.Context, corpID, id int64) error
}

// StoreService manages stores and the online team. CloseStore is the
// delete: the store stays, closed, and refuses while guides are active in it.
type StoreService interface {
	ListStores(ctx context.Context, corpID int64, p Page) ([]Store, int64, error)
	FindStore(ctx context.Context, corpID, id int64) (*Store, error)
	CreateStore(ctx context.Context, s *Store) error
	UpdateStore(ctx context.Context, s *Store) error
	CloseStore(ctx context.Context, corpID, id int64) error
}

// GuideService manages guide bindings. Guides name their store by
// StoreCode; LeaveGuide is the delete: the guide is marked left.
type GuideService interface {
	ListGuides(ctx context.Context, corpID int64, f GuideFilter) ([]Guide, int64, error)
	FindGuide(ctx context.Context, corpID, id int64) (*Guide, error)
	CreateGuide(ctx context.Context, g *Guide) error
	UpdateGuide(ctx context.Context, g *Guide) error
	LeaveGuide(ctx context.Context, corpID, id int64) error
}
