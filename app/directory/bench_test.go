package directory_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// benchCustomers is the sync's size: 100,000, or 5,000 under CI, whose
// one pass only keeps the benchmark from rotting (testkit.ScaleSize).
func benchCustomers() int { return testkit.ScaleSize(100_000, 5_000) }

// BenchmarkFullSync100k syncs 100,000 customers (100 members, one follow
// and one tag each) from the sandbox into MariaDB through the production
// client, rate limiter and store. "ceiling" inserts the same customer and
// follow rows into an empty MariaDB database with plain 1,000-row INSERTs:
// the floor any sync pays on this machine, measured in the same run.
func BenchmarkFullSync100k(b *testing.B) {
	n := benchCustomers()
	b.Run("ceiling", func(b *testing.B) {
		for b.Loop() {
			d := testkit.MigratedDB(b, config.DriverMySQL)
			start := time.Now()
			rawInsert(b, d.SQL(), n)
			b.ReportMetric(time.Since(start).Seconds(), "s/sync")
			b.ReportMetric(float64(n)/time.Since(start).Seconds(), "customers/s")
		}
	})
	b.Run("sync", func(b *testing.B) {
		for b.Loop() {
			s := startSiyu(b, config.DriverMySQL, config.RedisStandalone)
			_, err := s.sc.SeedBulk(sandbox.Bulk{Members: 100, Customers: n, Tags: 20})
			require.NoError(b, err)
			start := time.Now()
			runSync(b, s, 0)
			b.ReportMetric(time.Since(start).Seconds(), "s/sync")
			b.ReportMetric(float64(n)/time.Since(start).Seconds(), "customers/s")
		}
	})
}

// rawInsert writes n customers and n follows of corp 1 in 1,000-row
// statements, the cheapest way MariaDB takes them.
func rawInsert(b *testing.B, db *sql.DB, n int) {
	ctx := context.Background()
	_, err := db.ExecContext(ctx, "INSERT INTO corps (corp_id, name, created_at, updated_at) VALUES ('ww_bench', 'bench', NOW(), NOW())")
	require.NoError(b, err)
	for from := 0; from < n; from += 1000 {
		to := min(from+1000, n)
		rows := strings.TrimSuffix(strings.Repeat("(1,?,?,NOW(),NOW()),", to-from), ",")
		var custArgs, followArgs []any
		for i := from; i < to; i++ {
			ext := fmt.Sprintf("wm%08d", i)
			custArgs = append(custArgs, ext, "客户")
			followArgs = append(followArgs, fmt.Sprintf("bulk%04d", i%100), ext)
		}
		_, err := db.ExecContext(ctx, "INSERT INTO customers (corp_id, external_userid, name, created_at, updated_at) VALUES "+rows, custArgs...)
		require.NoError(b, err)
		_, err = db.ExecContext(ctx, "INSERT INTO follows (corp_id, userid, external_userid, created_at, updated_at) VALUES "+rows, followArgs...)
		require.NoError(b, err)
	}
}
