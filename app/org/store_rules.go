package org

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// checkStoreRefs refuses a brand or region that is not the corp's.
func checkStoreRefs(ctx context.Context, repo Store, st *app.Store) error {
	var f app.Fields
	if st.BrandID != nil {
		_, err := repo.FindBrand(ctx, st.CorpID, *st.BrandID)
		if err := notFoundAs(&f, err, "brand_id", fmt.Sprintf("品牌 %d 不存在", *st.BrandID)); err != nil {
			return err
		}
	}
	if st.RegionID != nil {
		_, err := repo.FindRegion(ctx, st.CorpID, *st.RegionID)
		if err := notFoundAs(&f, err, "region_id", fmt.Sprintf("区域 %d 不存在", *st.RegionID)); err != nil {
			return err
		}
	}
	return f.Err()
}

// notFoundAs records a not-found err as a refused field and returns any
// other error.
func notFoundAs(f *app.Fields, err error, field, reason string) error {
	if app.ErrorCode(err) == app.ENOTFOUND {
		f.Add(field, reason)
		return nil
	}
	return err
}

// checkNoActiveGuides refuses to close a store whose guides still serve
// customers there: they must be moved or marked left first, so no customer
// is left with an owner in a closed store.
func checkNoActiveGuides(ctx context.Context, repo Store, st *app.Store) error {
	n, err := repo.CountActiveGuides(ctx, st.CorpID, st.ID)
	if err != nil {
		return err
	}
	if n > 0 {
		return app.Errorf(app.ECONFLICT, "门店 %s 仍有 %d 名在职导购，请先调岗或办理离职", st.Code, n)
	}
	return nil
}

// sameStore reports whether b holds what a holds in every field a user
// sets, so an update or re-import that changes nothing writes nothing.
func sameStore(a, b *app.Store) bool {
	return a.Code == b.Code && a.Name == b.Name && a.Kind == b.Kind && eqPtr(a.BrandID, b.BrandID) &&
		eqPtr(a.RegionID, b.RegionID) && a.City == b.City && a.Address == b.Address &&
		eqPtr(a.Latitude, b.Latitude) && eqPtr(a.Longitude, b.Longitude) &&
		a.OpeningHours == b.OpeningHours && a.Status == b.Status
}

func eqPtr[T comparable](a, b *T) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}
