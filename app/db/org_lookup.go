package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// StoresByCode returns the corp's stores of codes, by code, in one query;
// codes that name no store are absent.
func (s *OrgStore) StoresByCode(ctx context.Context, corpID int64, codes []string) (map[string]app.Store, error) {
	out := map[string]app.Store{}
	codes = uniq(codes)
	if len(codes) == 0 {
		return out, nil
	}
	var sts []app.Store
	err := s.db.with(ctx).Table("stores").Where("corp_id = ? AND code IN ?", corpID, codes).Find(&sts).Error
	for _, st := range sts {
		out[st.Code] = st
	}
	return out, domainError(err, "门店")
}

// BrandsByID returns the corp's brands of ids, by id, in one query.
func (s *OrgStore) BrandsByID(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Brand, error) {
	out := map[int64]app.Brand{}
	if len(ids) == 0 {
		return out, nil
	}
	var bs []app.Brand
	err := s.db.with(ctx).Table("brands").Where("corp_id = ? AND id IN ?", corpID, ids).Find(&bs).Error
	for _, b := range bs {
		out[b.ID] = b
	}
	return out, domainError(err, "品牌")
}
