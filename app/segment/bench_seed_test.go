package segment_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// seedSegmentChain writes n customers of 50 stores in multi-row INSERTs:
// each followed and owned by one of 250 guides, tagged one of 20 tags,
// added within the last two years; every other one a member, with a
// lifecycle stage.
func seedSegmentChain(b *testing.B, d *db.DB, core *root.Core, n int) (int64, []int64) {
	ctx := context.Background()
	corp := &app.Corp{CorpID: testkit.RandomName("wws"), Name: "人群基准"}
	require.NoError(b, core.Stores.Corps.CreateCorp(ctx, corp))
	stores := make([]int64, 50)
	for i := range stores {
		st := &app.Store{CorpID: corp.ID, Code: fmt.Sprintf("B%02d", i), Name: fmt.Sprintf("门店%02d", i), Kind: app.StoreKindStore, Status: app.StoreOpen}
		require.NoError(b, core.Stores.Org.CreateStore(ctx, st))
		stores[i] = st.ID
	}
	now := time.Now().UTC()
	at := func(i int) string {
		return now.Add(-time.Duration(i%730) * 24 * time.Hour).Format("2006-01-02 15:04:05")
	}
	rows := func(table, cols string, m int, row func(i int) string) { testkit.InsertRows(b, d, m, table, cols, row) }
	c := corp.ID
	rows("customers", "corp_id, external_userid, name, type, created_at, updated_at", n, func(i int) string {
		return fmt.Sprintf("(%d,'wms%07d','客户%d',1,'%s','%s')", c, i, i, at(i), at(i))
	})
	rows("follows", "corp_id, userid, external_userid, add_time, created_at, updated_at", n, func(i int) string {
		return fmt.Sprintf("(%d,'sg%03d','wms%07d','%s','%s','%s')", c, i%250, i, at(i), at(i), at(i))
	})
	rows("follow_tags", "corp_id, userid, external_userid, tag_id", n, func(i int) string {
		return fmt.Sprintf("(%d,'sg%03d','wms%07d','t%02d')", c, i%250, i, (i/7)%20)
	})
	rows("customer_owners", "corp_id, scope, external_userid, userid, store_id, status, assigned_at, updated_at", n, func(i int) string {
		return fmt.Sprintf("(%d,0,'wms%07d','sg%03d',%d,'assigned','%s','%s')", c, i, i%250, stores[(i%250)/5], at(i), at(i))
	})
	seedSegmentMembers(b, d, c, n/2, at)
	_, err := d.SQL().Exec("ANALYZE TABLE customers, follows, follow_tags, customer_owners, members, member_identities, member_rfm")
	require.NoError(b, err)
	return c, stores
}

// seedSegmentMembers makes customers 0, 2, 4… members, with stages.
func seedSegmentMembers(b *testing.B, d *db.DB, corp int64, m int, at func(int) string) {
	var first int64
	require.NoError(b, d.SQL().QueryRow("SELECT COALESCE(MAX(id), 0) FROM members").Scan(&first))
	testkit.InsertRows(b, d, m, "members", "id, corp_id, member_no, status, created_at, updated_at", func(i int) string {
		return fmt.Sprintf("(%d,%d,'SM%07d','active','%s','%s')", first+1+int64(i), corp, i, at(i), at(i))
	})
	testkit.InsertRows(b, d, m, "member_identities", "corp_id, member_id, kind, value, created_at", func(i int) string {
		return fmt.Sprintf("(%d,%d,'external_userid','wms%07d','%s')", corp, first+1+int64(i), 2*i, at(i))
	})
	stages := []string{app.StageIntro, app.StageGrowth, app.StageMature, app.StageDormant, app.StageChurned}
	testkit.InsertRows(b, d, m, "member_rfm", "corp_id, member_id, scope, recency_days, frequency, monetary_cents, class, stage, computed_at", func(i int) string {
		return fmt.Sprintf("(%d,%d,0,%d,%d,%d,'new','%s','%s')", corp, first+1+int64(i), i%400, i%7, (i%100)*1000, stages[i%5], at(0))
	})
}
