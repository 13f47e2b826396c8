package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// ListStores returns a page of the corp's stores and online units in id
// order, closed ones included.
func (s *OrgStore) ListStores(ctx context.Context, corpID int64, p app.Page) ([]app.Store, int64, error) {
	return listIn(ctx, s.db, "stores", corpID, p, func(s app.Store) int64 { return s.ID }, "门店")
}

// FindStore returns store id of corpID.
func (s *OrgStore) FindStore(ctx context.Context, corpID, id int64) (*app.Store, error) {
	return findBy[app.Store](ctx, s.db, "stores", corpID, "id", id, "门店")
}

// FindStoreByCode returns the corp's store with code.
func (s *OrgStore) FindStoreByCode(ctx context.Context, corpID int64, code string) (*app.Store, error) {
	return findBy[app.Store](ctx, s.db, "stores", corpID, "code", code, "门店")
}

// CreateStore inserts st, filling its ID and times; a taken code conflicts.
func (s *OrgStore) CreateStore(ctx context.Context, st *app.Store) error {
	return domainError(s.db.with(ctx).Table("stores").Create(st).Error, "门店编码")
}

// UpdateStore writes every field of st a user may change, status included.
func (s *OrgStore) UpdateStore(ctx context.Context, st *app.Store) error {
	return s.updateRow(ctx, "stores", st.CorpID, st.ID, map[string]any{
		"code": st.Code, "name": st.Name, "kind": st.Kind, "brand_id": st.BrandID, "region_id": st.RegionID,
		"city": st.City, "address": st.Address, "latitude": st.Latitude, "longitude": st.Longitude,
		"opening_hours": st.OpeningHours, "status": st.Status, "closed_at": st.ClosedAt,
	}, "门店", "门店编码")
}

// CloseStore marks store id closed at at; a closed store stays closed.
func (s *OrgStore) CloseStore(ctx context.Context, corpID, id int64, at time.Time) error {
	return s.updateRow(ctx, "stores", corpID, id, map[string]any{"status": app.StoreClosed, "closed_at": at}, "门店", "门店")
}

// CountActiveGuides counts the guides still active in store id.
func (s *OrgStore) CountActiveGuides(ctx context.Context, corpID, storeID int64) (int64, error) {
	var n int64
	err := s.db.with(ctx).Table("guides").Where("corp_id = ? AND store_id = ? AND status = ?", corpID, storeID, app.GuideActive).Count(&n).Error
	return n, domainError(err, "导购")
}

// OpenStores lists every open store (not the online team) whose customers
// fall in owner scope (see app.Brand.Scope): in scope 0 the stores of no
// brand or of a brand sharing customers, otherwise the brand's own.
func (s *OrgStore) OpenStores(ctx context.Context, corpID, scope int64) ([]app.Store, error) {
	q := s.db.with(ctx).Table("stores").Where("stores.corp_id = ? AND stores.kind = ? AND stores.status = ?", corpID, app.StoreKindStore, app.StoreOpen)
	if scope != 0 {
		q = q.Where("stores.brand_id = ?", scope)
	} else {
		q = q.Joins("LEFT JOIN brands ON brands.id = stores.brand_id").Where("stores.brand_id IS NULL OR brands.shares_customers = ?", true)
	}
	var out []app.Store
	err := q.Select("stores.*").Order("stores.id").Find(&out).Error
	return out, domainError(err, "门店")
}

// StoreScope is the owner scope of the store's customers (see
// app.Brand.Scope); no store (nil) is the shared pool.
func (s *OrgStore) StoreScope(ctx context.Context, corpID int64, storeID *int64) (int64, error) {
	if storeID == nil {
		return 0, nil
	}
	st, err := s.FindStore(ctx, corpID, *storeID)
	if err != nil || st.BrandID == nil {
		return 0, err
	}
	b, err := s.FindBrand(ctx, corpID, *st.BrandID)
	if err != nil {
		return 0, err
	}
	return b.Scope(), nil
}

// StoresByID returns the corp's stores of ids, by id, in one query; ids
// that name no store are absent.
func (s *OrgStore) StoresByID(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Store, error) {
	out := map[int64]app.Store{}
	if len(ids) == 0 {
		return out, nil
	}
	var sts []app.Store
	err := s.db.with(ctx).Table("stores").Where("corp_id = ? AND id IN ?", corpID, ids).Find(&sts).Error
	for _, st := range sts {
		out[st.ID] = st
	}
	return out, domainError(err, "门店")
}
