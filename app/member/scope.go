package member

import (
	"context"
	"strconv"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// resolveStores turns the store codes and brand name of in into ids and
// the record's scope: the brand's, else the home store's, else the
// registration store's, else the corp's shared pool. A store of another
// scope than the brand named is refused: the record would belong to two.
func (s *Service) resolveStores(ctx context.Context, corpID int64, f *app.Fields, in Input, r *record) error {
	var err error
	brandScope := int64(-1)
	if name := strings.TrimSpace(in.Brand); name != "" {
		b, e := s.Org.FindBrandByName(ctx, corpID, name)
		if err = notFound(e, f, "brand", "品牌“"+name+"”不存在"); err != nil {
			return err
		}
		if e == nil {
			brandScope = b.Scope()
		}
	}
	storeScope := int64(-1)
	for _, st := range []struct {
		field, code string
		dst         **int64
	}{{"home_store_code", in.HomeStoreCode, &r.attrs.HomeStoreID}, {"reg_store_code", in.RegStoreCode, &r.attrs.RegStoreID}} {
		sc, err := s.resolveStore(ctx, corpID, f, st.field, strings.TrimSpace(st.code), st.dst, r)
		if err != nil {
			return err
		}
		if storeScope < 0 {
			storeScope = sc
		}
	}
	switch {
	case brandScope >= 0 && storeScope >= 0 && brandScope != storeScope:
		f.Add("brand", "门店不属于该品牌")
	case brandScope >= 0:
		r.scope = brandScope
	case storeScope >= 0:
		r.scope = storeScope
	}
	return nil
}

// resolveStore reads one store code into dst and returns its scope (-1
// when no code was given or it is unknown).
func (s *Service) resolveStore(ctx context.Context, corpID int64, f *app.Fields, field, code string, dst **int64, r *record) (int64, error) {
	if code == "" {
		return -1, nil
	}
	st, err := s.Org.FindStoreByCode(ctx, corpID, code)
	if err = notFound(err, f, field, "门店编码“"+code+"”不存在"); err != nil || st == nil || st.ID == 0 {
		return -1, err
	}
	id := st.ID
	*dst, r.set[field] = &id, true
	scope, err := s.Org.StoreScope(ctx, corpID, &id)
	return scope, err
}

// notFound records reason on field when err is not-found and returns any
// other error, which is not the input's fault.
func notFound(err error, f *app.Fields, field, reason string) error {
	if app.ErrorCode(err) == app.ENOTFOUND {
		f.Add(field, reason)
		return nil
	}
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
