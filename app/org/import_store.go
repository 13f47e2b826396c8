package org

import (
	"context"
	"io"
	"slices"
	"strings"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/sheet"
)

// Words a spreadsheet may use for a store's kind and status.
var (
	storeKindWords   = map[string]string{"门店": app.StoreKindStore, "线下": app.StoreKindStore, "线下门店": app.StoreKindStore, "线上": app.StoreKindOnline, "线上团队": app.StoreKindOnline}
	storeStatusWords = map[string]string{"营业": app.StoreOpen, "营业中": app.StoreOpen, "开业": app.StoreOpen, "关闭": app.StoreClosed, "已关闭": app.StoreClosed, "闭店": app.StoreClosed}
)

// ImportStores imports stores from a CSV or xlsx file, upserting by store
// code, so importing the same file again changes nothing. A column the
// file lacks leaves that field of existing stores as it is; a column it has
// is the truth, a blank cell clearing the field, except kind and status,
// where a blank keeps the current value (a new store is an open store).
// Brands and regions are named, and must exist.
func (s *Service) ImportStores(ctx context.Context, corpID int64, name string, r io.Reader) (*app.ImportReport, error) {
	return sheet.Import(ctx, sheet.Importer{Kind: "stores", Columns: storeColumns, Key: "code", Apply: s.importStore}, corpID, name, r)
}

func (s *Service) importStore(ctx context.Context, corpID int64, h *sheet.Header, row []string) (outcome string, err error) {
	err = s.write(ctx, corpID, func(ctx context.Context) (*change, error) {
		before, err := s.st.FindStoreByCode(ctx, corpID, h.Cell(row, "code"))
		st := &app.Store{CorpID: corpID}
		switch app.ErrorCode(err) {
		case "":
			cp := *before
			st = &cp
		case app.ENOTFOUND:
			before = nil
		default:
			return nil, err
		}
		if err := storeFromRow(ctx, s.st, h, row, st); err != nil {
			return nil, err
		}
		if before == nil {
			outcome = sheet.Created
			return s.createStore(ctx, st)
		}
		c, err := s.updateStore(ctx, before, st)
		outcome = map[bool]string{true: sheet.Updated, false: sheet.Unchanged}[c != nil]
		return c, err
	})
	return outcome, err
}

// storeFromRow sets on st what row says, then validates it.
func storeFromRow(ctx context.Context, repo Store, h *sheet.Header, row []string, st *app.Store) error {
	var f app.Fields
	st.Code = h.Cell(row, "code")
	for field, dst := range map[string]*string{"name": &st.Name, "city": &st.City, "address": &st.Address, "opening_hours": &st.OpeningHours} {
		if h.Has(field) {
			*dst = h.Cell(row, field)
		}
	}
	if v := h.Cell(row, "kind"); v != "" {
		st.Kind = word(v, storeKindWords)
	}
	if v := h.Cell(row, "status"); v != "" {
		st.Status = word(v, storeStatusWords)
	}
	if h.Has("latitude") {
		st.Latitude = degrees(&f, "latitude", "纬度", h.Cell(row, "latitude"))
	}
	if h.Has("longitude") {
		st.Longitude = degrees(&f, "longitude", "经度", h.Cell(row, "longitude"))
	}
	if err := refByName(h, row, "brand", "品牌", &st.BrandID, &f, func(n string) (int64, error) {
		b, err := repo.FindBrandByName(ctx, st.CorpID, n)
		return b.ID, err
	}); err != nil {
		return err
	}
	if err := refByName(h, row, "region", "区域", &st.RegionID, &f, func(n string) (int64, error) {
		r, err := repo.FindRegionByName(ctx, st.CorpID, n)
		return r.ID, err
	}); err != nil {
		return err
	}
	return withValidation(f, ValidateStore(st))
}

// withValidation adds to the cells refused while reading a row those its
// validation refuses, one reason per field: a coordinate that did not
// parse is not reported again as missing.
func withValidation(f app.Fields, verr error) error {
	if verr != nil && len(app.ErrorFields(verr)) == 0 {
		return verr
	}
	for _, v := range app.ErrorFields(verr) {
		if !slices.ContainsFunc(f, func(e app.FieldError) bool { return e.Field == v.Field }) {
			f = append(f, v)
		}
	}
	return f.Err()
}

// refByName sets *id to the row's brand or region (label), found by name;
// a blank cell clears it and an unknown name is the row's error.
func refByName(h *sheet.Header, row []string, field, label string, id **int64, f *app.Fields, find func(string) (int64, error)) error {
	if !h.Has(field) {
		return nil
	}
	name := h.Cell(row, field)
	if name == "" {
		*id = nil
		return nil
	}
	found, err := find(name)
	if app.ErrorCode(err) == app.ENOTFOUND {
		f.Add(field, label+"“"+name+"”不存在，请先创建")
		return nil
	}
	*id = &found
	return err
}

// degrees parses a coordinate cell; blank is no coordinate.
func degrees(f *app.Fields, field, label, v string) *int64 {
	if v == "" {
		return nil
	}
	d, ok := ParseDegrees(v)
	if !ok {
		f.Add(field, label+"“"+v+"”应为十进制度数，如 31.230416")
		return nil
	}
	return &d
}

// word maps a spreadsheet's word for a value to the value; anything else
// is kept as written, for validation to refuse by name.
func word(v string, words map[string]string) string {
	if w, ok := words[v]; ok {
		return w
	}
	return strings.ToLower(v)
}
