package attribution_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// BenchmarkAttributionRecompute measures a rule change's recompute on
// MariaDB: every order (1,000,000 by default; SIYU_BENCH_ORDERS sets it,
// 10,000 under CI) credited under every model from five touches an order
// (200,000 members, each a WeCom customer), beside the ceiling from the
// same run: one full scan of the orders and of the touches.
func BenchmarkAttributionRecompute(b *testing.B) {
	orders := 1_000_000
	if os.Getenv("CI") != "" {
		orders = 10_000
	}
	if v := os.Getenv("SIYU_BENCH_ORDERS"); v != "" {
		_, err := fmt.Sscan(v, &orders)
		require.NoError(b, err)
	}
	d := testkit.MigratedDB(b, config.DriverMySQL)
	core := root.NewCore(d, testkit.Box(b), auth.Options{})
	corp := seedAttributionChain(b, d, core, orders)
	var runs runs
	svc := attribution.New(attribution.Deps{Tx: d, Store: core.Stores.Credits, Org: core.Stores.Org, Queue: &runs, Audit: core.Audit})
	ctx := app.WithActor(context.Background(), "bench")

	start := time.Now()
	var n, sum int64
	require.NoError(b, d.SQL().QueryRow("SELECT COUNT(*), SUM(amount_cents) FROM orders WHERE corp_id = ?", corp).Scan(&n, &sum))
	var touches int64
	require.NoError(b, d.SQL().QueryRow("SELECT COUNT(*) FROM touches WHERE corp_id = ? AND userid <> ''", corp).Scan(&touches))
	b.Logf("ceiling: scan %d orders and %d touches   %8.2f s", n, touches, time.Since(start).Seconds())

	start = time.Now()
	_, run, err := svc.SaveRules(ctx, corp, attribution.DefaultInput(0))
	require.NoError(b, err)
	require.NoError(b, svc.Run(ctx, corp, run.ID))
	secs := time.Since(start).Seconds()
	var lines int64
	require.NoError(b, d.SQL().QueryRow("SELECT (SELECT COUNT(*) FROM order_credits WHERE rules_id = ?) + (SELECT COUNT(*) FROM order_model_credits WHERE rules_id = ?)", run.RulesID, run.RulesID).Scan(&lines))
	b.Logf("recompute: %d orders, 6 models, %d rows (rules lines + one models row an order)   %8.2f s (%.0f orders/s)  peak RSS %.0f MiB",
		n, lines, secs, float64(n)/secs, testkit.PeakRSS())
	b.ReportMetric(secs, "recompute-s")
}

// seedAttributionChain writes, in multi-row INSERTs, 3 stores and the
// online team with 3 guides each, orders/5 members each a WeCom customer,
// five touches an order spread over them, and the orders.
func seedAttributionChain(b *testing.B, d *db.DB, core *root.Core, orders int) int64 {
	ctx := app.WithActor(context.Background(), "bench")
	corp := &app.Corp{CorpID: testkit.RandomName("wwa"), Name: "归属基准"}
	require.NoError(b, core.Stores.Corps.CreateCorp(ctx, corp))
	var stores []int64
	for i, kind := range []string{app.StoreKindStore, app.StoreKindStore, app.StoreKindStore, app.StoreKindOnline} {
		st := &app.Store{CorpID: corp.ID, Code: fmt.Sprintf("A%d", i), Name: fmt.Sprintf("门店%d", i), Kind: kind, Status: app.StoreOpen}
		require.NoError(b, core.Stores.Org.CreateStore(ctx, st))
		stores = append(stores, st.ID)
	}
	members, c := orders/5, corp.ID
	base := time.Now().UTC().Add(-400 * 24 * time.Hour)
	at := func(i int) string {
		return base.Add(time.Duration(i%(360*86400)) * time.Second).Format("2006-01-02 15:04:05")
	}
	var first int64
	require.NoError(b, d.SQL().QueryRow("SELECT COALESCE(MAX(id), 0) FROM members").Scan(&first))
	rows := func(table, cols string, n int, row func(i int) string) { testkit.InsertRows(b, d, n, table, cols, row) }
	rows("members", "id, corp_id, member_no, status, created_at, updated_at", members, func(i int) string {
		return fmt.Sprintf("(%d,%d,'BM%07d','active','%s','%s')", first+1+int64(i), c, i, at(i), at(i))
	})
	rows("member_identities", "corp_id, member_id, kind, value, created_at", members, func(i int) string {
		return fmt.Sprintf("(%d,%d,'external_userid','wmb%07d','%s')", c, first+1+int64(i), i, at(i))
	})
	kinds := []string{app.TouchAdd, app.TouchOwner, app.TouchShareClick, app.TouchWelcome, app.TouchGroupJoin}
	rows("touches", "corp_id, kind, source_id, external_userid, userid, store_id, at, created_at", orders*5, func(i int) string {
		g := (i * 7) % 12
		return fmt.Sprintf("(%d,'%s','b:%d','wmb%07d','A%d_g%d',%d,'%s','%s')", c, kinds[i%5], i, (i*31)%members, g/3, g%3, stores[g/3], at(i*37), at(0))
	})
	rows("orders", "corp_id, scope, source, kind, order_no, store_id, member_id, amount_cents, paid_at, content_hash, created_at, updated_at", orders, func(i int) string {
		return fmt.Sprintf("(%d,0,'pos','sale','BO%08d',%d,%d,%d,'%s','%064d','%s','%s')", c, i, stores[i%4], first+1+int64((i*13)%members),
			100+(i*97)%100000, at(i*53+86400*30), i, at(0), at(0))
	})
	_, err := d.SQL().Exec("ANALYZE TABLE members, member_identities, touches, orders")
	require.NoError(b, err)
	return c
}
