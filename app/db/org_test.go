package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The schema itself keeps tenants apart: references between organisation
// rows are (corp_id, id) keys, so even a write that skips app/org cannot
// put one corp's store under another corp's brand or guide in its store.
func TestOrgSchemaRefusesCrossCorpReferences(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		corps := db.NewCorpStore(d, testkit.Box(t))
		a, b := &app.Corp{CorpID: "ww_fk_a", Name: "A"}, &app.Corp{CorpID: "ww_fk_b", Name: "B"}
		require.NoError(t, corps.CreateCorp(ctx, a))
		require.NoError(t, corps.CreateCorp(ctx, b))
		s := db.NewOrgStore(d)
		brandB := &app.Brand{CorpID: b.ID, Name: "B 品牌"}
		require.NoError(t, s.CreateBrand(ctx, brandB))
		err := s.CreateStore(ctx, &app.Store{CorpID: a.ID, Code: "X1", Name: "x", Kind: "store", Status: "open", BrandID: &brandB.ID})
		assert.Equal(t, app.EINVALID, app.ErrorCode(err), "%v", err)
		storeB := &app.Store{CorpID: b.ID, Code: "B1", Name: "b", Kind: "store", Status: "open"}
		require.NoError(t, s.CreateStore(ctx, storeB))
		err = s.CreateGuide(ctx, &app.Guide{CorpID: a.ID, UserID: "u1", StoreID: storeB.ID, Role: "guide", Status: "active"})
		assert.Equal(t, app.EINVALID, app.ErrorCode(err), "%v", err)
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(s.CloseStore(ctx, a.ID, storeB.ID, time.Now())))
	})
}
