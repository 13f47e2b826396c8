package org_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/org"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// fixture is an org service on a fresh database with two corps.
type fixture struct {
	svc   *org.Service
	audit *db.AuditStore
	a, b  int64 // corp ids
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	corps := db.NewCorpStore(d, testkit.Box(t))
	ca, cb := &app.Corp{CorpID: "ww_org_a", Name: "甲"}, &app.Corp{CorpID: "ww_org_b", Name: "乙"}
	require.NoError(t, corps.CreateCorp(context.Background(), ca))
	require.NoError(t, corps.CreateCorp(context.Background(), cb))
	return &fixture{svc: root.NewCore(d, testkit.Box(t), auth.Options{}).Org, audit: db.NewAuditStore(d), a: ca.ID, b: cb.ID}
}

// actions lists the audit actions recorded for one target, oldest first.
func (f *fixture) actions(t *testing.T, corpID int64, target, id string) []string {
	es, err := f.audit.ListAudit(context.Background(), app.AuditFilter{CorpID: corpID, TargetType: target, TargetID: id})
	require.NoError(t, err)
	var out []string
	for i := len(es) - 1; i >= 0; i-- {
		out = append(out, es[i].Action+" by "+es[i].Actor)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func TestBrandsAndRegions(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := app.WithActor(context.Background(), "user:1")
		b := &app.Brand{CorpID: f.a, Name: " 面包工坊 ", SharesCustomers: true}
		require.NoError(t, f.svc.CreateBrand(ctx, b))
		assert.Equal(t, "面包工坊", b.Name, "trimmed")

		t.Run("ErrConflict", func(t *testing.T) {
			err := f.svc.CreateBrand(ctx, &app.Brand{CorpID: f.a, Name: "面包工坊"})
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "%v", err)
			require.NoError(t, f.svc.CreateBrand(ctx, &app.Brand{CorpID: f.b, Name: "面包工坊"}), "names are per corp")
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			err := f.svc.CreateBrand(ctx, &app.Brand{CorpID: f.a, Name: "  "})
			assert.Equal(t, []app.FieldError{{Field: "name", Reason: "品牌名称不能为空"}}, app.ErrorFields(err))
		})
		t.Run("Update", func(t *testing.T) {
			require.NoError(t, f.svc.UpdateBrand(ctx, &app.Brand{ID: b.ID, CorpID: f.a, Name: "面包工坊", SharesCustomers: false}))
			got, err := f.svc.FindBrand(ctx, f.a, b.ID)
			require.NoError(t, err)
			assert.False(t, got.SharesCustomers)
			err = f.svc.UpdateBrand(ctx, &app.Brand{ID: b.ID, CorpID: f.b, Name: "x"})
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "another corp's brand is not found")
		})
		t.Run("DeleteOnlyWhenUnused", func(t *testing.T) {
			r := &app.Region{CorpID: f.a, Name: "华东"}
			require.NoError(t, f.svc.CreateRegion(ctx, r))
			st := &app.Store{CorpID: f.a, Code: "SH001", Name: "人民广场店", BrandID: &b.ID, RegionID: &r.ID}
			require.NoError(t, f.svc.CreateStore(ctx, st))
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(f.svc.DeleteBrand(ctx, f.a, b.ID)))
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(f.svc.DeleteRegion(ctx, f.a, r.ID)))
			st.BrandID, st.RegionID = nil, nil
			require.NoError(t, f.svc.UpdateStore(ctx, st))
			require.NoError(t, f.svc.DeleteBrand(ctx, f.a, b.ID))
			require.NoError(t, f.svc.DeleteRegion(ctx, f.a, r.ID))
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(f.svc.DeleteBrand(ctx, f.a, b.ID)))
		})
		assert.Equal(t, []string{"brand.create by user:1", "brand.update by user:1", "brand.delete by user:1"},
			f.actions(t, f.a, "brand", itoa(b.ID)), "every change audited, failures not")
	})
}

func TestStores(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := app.WithActor(context.Background(), "user:2")
		other := &app.Brand{CorpID: f.b, Name: "乙的品牌"}
		require.NoError(t, f.svc.CreateBrand(ctx, other))
		st := &app.Store{CorpID: f.a, Code: "SH001", Name: "人民广场店", City: "上海", Latitude: ptr(int64(31230416)),
			Longitude: ptr(int64(121473701)), OpeningHours: "09:00-21:00"}
		require.NoError(t, f.svc.CreateStore(ctx, st))
		assert.Equal(t, app.StoreKindStore, st.Kind, "default kind")
		assert.Equal(t, app.StoreOpen, st.Status, "default status")

		t.Run("OK", func(t *testing.T) {
			got, err := f.svc.FindStore(ctx, f.a, st.ID)
			require.NoError(t, err)
			assert.Equal(t, int64(31230416), *got.Latitude)
			assert.Equal(t, "09:00-21:00", got.OpeningHours)
		})
		t.Run("ErrConflict", func(t *testing.T) {
			err := f.svc.CreateStore(ctx, &app.Store{CorpID: f.a, Code: "SH001", Name: "重复"})
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
			assert.Equal(t, "门店编码已存在", app.ErrorMessage(err))
			require.NoError(t, f.svc.CreateStore(ctx, &app.Store{CorpID: f.b, Code: "SH001", Name: "乙的店"}), "codes are per corp")
		})
		t.Run("OtherCorpsBrandRefused", func(t *testing.T) {
			err := f.svc.CreateStore(ctx, &app.Store{CorpID: f.a, Code: "SH002", Name: "x", BrandID: &other.ID})
			assert.Equal(t, []app.FieldError{{Field: "brand_id", Reason: "品牌 " + itoa(other.ID) + " 不存在"}}, app.ErrorFields(err))
		})
		t.Run("OtherCorpNotFound", func(t *testing.T) {
			_, err := f.svc.FindStore(ctx, f.b, st.ID)
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(f.svc.CloseStore(ctx, f.b, st.ID)))
		})
		t.Run("UnchangedUpdateNotAudited", func(t *testing.T) {
			same := *st
			require.NoError(t, f.svc.UpdateStore(ctx, &same))
			assert.Equal(t, []string{"store.create by user:2"}, f.actions(t, f.a, "store", itoa(st.ID)))
		})
		t.Run("OnlineUnit", func(t *testing.T) {
			on := &app.Store{CorpID: f.a, Code: "ONLINE", Name: "线上团队", Kind: app.StoreKindOnline}
			require.NoError(t, f.svc.CreateStore(ctx, on))
			list, next, err := f.svc.ListStores(ctx, f.a, app.Page{Limit: 1})
			require.NoError(t, err)
			require.Len(t, list, 1)
			list2, last, err := f.svc.ListStores(ctx, f.a, app.Page{After: next, Limit: 1})
			require.NoError(t, err)
			assert.Equal(t, "ONLINE", list2[0].Code)
			assert.Zero(t, last)
		})
	})
}

func TestGuidesAndClosing(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		st := &app.Store{CorpID: f.a, Code: "BJ01", Name: "国贸店"}
		require.NoError(t, f.svc.CreateStore(ctx, st))
		g := &app.Guide{CorpID: f.a, UserID: "zhangsan", StoreCode: "BJ01"}
		require.NoError(t, f.svc.CreateGuide(ctx, g))
		assert.Equal(t, st.ID, g.StoreID)
		assert.Equal(t, app.GuideRoleGuide, g.Role)

		t.Run("ErrConflict", func(t *testing.T) {
			err := f.svc.CreateGuide(ctx, &app.Guide{CorpID: f.a, UserID: "zhangsan", StoreCode: "BJ01"})
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
		})
		t.Run("StoreOfOtherCorp", func(t *testing.T) {
			err := f.svc.CreateGuide(ctx, &app.Guide{CorpID: f.b, UserID: "lisi", StoreCode: "BJ01"})
			assert.Equal(t, []app.FieldError{{Field: "store_code", Reason: "门店 BJ01 不存在"}}, app.ErrorFields(err))
		})
		t.Run("CloseNeedsNoActiveGuides", func(t *testing.T) {
			err := f.svc.CloseStore(ctx, f.a, st.ID)
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "%v", err)
			require.NoError(t, f.svc.LeaveGuide(ctx, f.a, g.ID))
			got, err := f.svc.FindGuide(ctx, f.a, g.ID)
			require.NoError(t, err)
			assert.Equal(t, app.GuideLeft, got.Status)
			assert.NotNil(t, got.LeftAt)
			assert.Equal(t, "BJ01", got.StoreCode, "read with its store's code")
			require.NoError(t, f.svc.CloseStore(ctx, f.a, st.ID))
			require.NoError(t, f.svc.CloseStore(ctx, f.a, st.ID), "closing twice is no error")
			closed, err := f.svc.FindStore(ctx, f.a, st.ID)
			require.NoError(t, err)
			assert.Equal(t, app.StoreClosed, closed.Status)
			assert.NotNil(t, closed.ClosedAt)
			assert.Equal(t, []string{"store.create by system", "store.close by system"}, f.actions(t, f.a, "store", itoa(st.ID)))
			assert.Equal(t, []string{"guide.create by system", "guide.leave by system"}, f.actions(t, f.a, "guide", itoa(g.ID)))
		})
		t.Run("NoActiveGuideInClosedStore", func(t *testing.T) {
			err := f.svc.CreateGuide(ctx, &app.Guide{CorpID: f.a, UserID: "wangwu", StoreCode: "BJ01"})
			assert.Equal(t, "store_code", app.ErrorFields(err)[0].Field)
			back := &app.Guide{ID: g.ID, CorpID: f.a, UserID: "zhangsan", StoreCode: "BJ01", Status: app.GuideActive}
			assert.Equal(t, app.EINVALID, app.ErrorCode(f.svc.UpdateGuide(ctx, back)))
		})
		t.Run("ListFilters", func(t *testing.T) {
			require.NoError(t, f.svc.CreateStore(ctx, &app.Store{CorpID: f.a, Code: "BJ02", Name: "三里屯店"}))
			require.NoError(t, f.svc.CreateGuide(ctx, &app.Guide{CorpID: f.a, UserID: "zhaoliu", StoreCode: "BJ02", Role: app.GuideRoleManager}))
			active, _, err := f.svc.ListGuides(ctx, f.a, app.GuideFilter{Status: app.GuideActive})
			require.NoError(t, err)
			require.Len(t, active, 1)
			assert.Equal(t, "zhaoliu", active[0].UserID)
			assert.Equal(t, "BJ02", active[0].StoreCode)
			none, _, err := f.svc.ListGuides(ctx, f.b, app.GuideFilter{})
			require.NoError(t, err)
			assert.Empty(t, none)
		})
	})
}

// A guide is checked against WeCom's members (as the directory last
// synced them), naming the member; every field at fault is reported at
// once, the store's and the member's with the form's own.
func TestGuideChecksReportEverything(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := app.WithActor(context.Background(), "user:1")
		require.NoError(t, f.svc.CreateStore(ctx, &app.Store{CorpID: f.a, Code: "SH1", Name: "人民广场店"}))
		require.NoError(t, f.svc.CreateGuide(ctx, &app.Guide{CorpID: f.a, UserID: "ghost", StoreCode: "SH1"}),
			"before any sync nothing can be told")
		require.NoError(t, db.NewDirectoryStore(d).ReplaceContactStaff(ctx, f.a, []string{"zhangsan"}, time.Now()))
		require.NoError(t, f.svc.CreateGuide(ctx, &app.Guide{CorpID: f.a, UserID: "zhangsan", StoreCode: "SH1", Name: "张三"}))
		err := f.svc.CreateGuide(ctx, &app.Guide{CorpID: f.a, UserID: "lisi", StoreCode: "SH1"})
		assert.Equal(t, []app.FieldError{{Field: "userid", Reason: "成员 lisi 不是企业微信中开启了客户联系的成员（或尚未同步），请检查成员账号"}},
			app.ErrorFields(err))
		err = f.svc.CreateGuide(ctx, &app.Guide{CorpID: f.a, UserID: "wangwu", StoreCode: "NOPE", Role: "老板", Name: "wangwu"})
		var fields []string
		for _, fe := range app.ErrorFields(err) {
			fields = append(fields, fe.Field)
		}
		assert.ElementsMatch(t, []string{"role", "name", "store_code", "userid"}, fields)
	})
}
