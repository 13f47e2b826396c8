package db_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// BenchmarkMassSendPlan plans a mass send to a segment snapshot of
// 1,000,000 customers (20,000 under CI) on MariaDB, owned by 40 guides
// (25,000 each: three chunks of at most 10,000), with a 10% holdout:
// every recipient row with its guide, chunk or reason, then the ledger's
// chunks, all inside the database. It prints the time and the process's
// peak RSS beside the ceiling measured in the same run: a bare
// INSERT … SELECT of the same customers with their owners into the
// recipients table (then removed, so the plan finds no earlier sends).
func BenchmarkMassSendPlan(b *testing.B) {
	n := 1_000_000
	if os.Getenv("CI") != "" {
		n = 20_000
	}
	d := testkit.MigratedDB(b, config.DriverMySQL)
	ctx := context.Background()
	corp := seedMassSendCorp(b, d, n)
	measure := func(name string, fn func() string) {
		start := time.Now()
		what := fn()
		b.Logf("%-22s %8.2f s  %s  peak RSS %.0f MiB", name, time.Since(start).Seconds(), what, testkit.PeakRSS())
	}
	measure("ceiling: copy all", func() string {
		res, err := d.SQL().Exec(`INSERT INTO mass_send_recipients (corp_id, send_id, external_userid, userid, chunk, excluded, result, planned_at)
		SELECT m.corp_id, 0, m.external_userid, o.userid, 1, '', '', NOW() FROM segment_members m
		JOIN customer_owners o ON o.corp_id = m.corp_id AND o.scope = 0 AND o.external_userid = m.external_userid
		WHERE m.corp_id = ? AND m.segment_id = 1 AND m.version = 1`, corp)
		require.NoError(b, err)
		rows, _ := res.RowsAffected()
		return fmt.Sprintf("%d rows", rows)
	})
	_, err := d.SQL().Exec("DELETE FROM mass_send_recipients WHERE send_id = 0")
	require.NoError(b, err)
	st := db.NewMassSendStore(d)
	ms := &app.MassSend{CorpID: corp, Name: "基准群发", ChatType: "single", AudienceKind: app.AudienceSegment, SegmentID: 1, SegmentVersion: 1,
		Text: "双十二", SendAt: time.Now(), HoldoutPercent: 10, Status: app.MassSendScheduled, CreatedBy: "bench"}
	require.NoError(b, st.CreateMassSend(ctx, ms, nil))
	now := time.Now().UTC()
	o := app.MassSendPlanOptions{ChunkSize: 10000, LimitCount: 4, PeriodStart: now.AddDate(0, -1, 0), Now: now}
	measure("masssend: preview", func() string {
		p, err := st.PreviewMassSend(ctx, ms, o)
		require.NoError(b, err)
		return fmt.Sprintf("%d targeted, %d held out", p.Targeted, p.Excluded[app.ExcludeHoldout])
	})
	measure("masssend: plan", func() string {
		ok, err := st.PlanMassSend(ctx, ms, o)
		require.NoError(b, err)
		require.True(b, ok)
		got, err := st.FindMassSend(ctx, corp, ms.ID)
		require.NoError(b, err)
		return fmt.Sprintf("%d targeted, %d excluded, %d chunks", got.Targeted, got.Excluded, got.Chunks)
	})
	b.ReportMetric(testkit.PeakRSS(), "peak-RSS-MiB")
}

// seedMassSendCorp writes n customers, each followed and owned by one of
// 40 guides, in a segment snapshot (segment 1, version 1), in multi-row
// INSERTs.
func seedMassSendCorp(b *testing.B, d *db.DB, n int) int64 {
	corp := &app.Corp{CorpID: testkit.RandomName("wwm"), Name: "群发基准"}
	require.NoError(b, db.NewCorpStore(d, testkit.Box(b)).CreateCorp(context.Background(), corp))
	c, at := corp.ID, time.Now().UTC().Format("2006-01-02 15:04:05")
	rows := func(table, cols string, row func(i int) string) { testkit.InsertRows(b, d, n, table, cols, row) }
	rows("customers", "corp_id, external_userid, name, type, created_at, updated_at", func(i int) string {
		return fmt.Sprintf("(%d,'wmm%07d','客户%d',1,'%s','%s')", c, i, i, at, at)
	})
	rows("follows", "corp_id, userid, external_userid, add_time, created_at, updated_at", func(i int) string {
		return fmt.Sprintf("(%d,'mg%02d','wmm%07d','%s','%s','%s')", c, i%40, i, at, at, at)
	})
	rows("customer_owners", "corp_id, scope, external_userid, userid, status, assigned_at, updated_at", func(i int) string {
		return fmt.Sprintf("(%d,0,'wmm%07d','mg%02d','assigned','%s','%s')", c, i, i%40, at, at)
	})
	rows("segment_members", "corp_id, segment_id, version, external_userid", func(i int) string {
		return fmt.Sprintf("(%d,1,1,'wmm%07d')", c, i)
	})
	_, err := d.SQL().Exec("ANALYZE TABLE customers, follows, customer_owners, segment_members")
	require.NoError(b, err)
	return c
}
