package seed_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/seed"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// benchDays is the history the benchmark generates.
const benchDays = 90

// benchCustomers is the benchmark's size: SIYU_BENCH_DASH_CUSTOMERS when
// set (the target, 1,000,000 customers with about 10,000,000 touches and
// 1,000,000 orders, is what scripts/bench asks for), 20,000 by default,
// 2,000 under CI.
func benchCustomers(b *testing.B) int {
	if v := os.Getenv("SIYU_BENCH_DASH_CUSTOMERS"); v != "" {
		n, err := strconv.Atoi(v)
		require.NoError(b, err, "SIYU_BENCH_DASH_CUSTOMERS")
		return n
	}
	if os.Getenv("CI") != "" {
		return 2_000
	}
	return 20_000
}

// dashRig is the seeded corp on MariaDB the benchmark's parts share.
type dashRig struct {
	d          *db.DB
	s          seeded
	seeded     time.Duration
	rows       int64
	stores     []int64 // the physical stores, by code
	aggregated bool
	handler    http.Handler // the console, once built
	cookies    []string     // its managers' sessions
}

// reuseEnv names a database `siyu seed dashboards` already filled, on
// the test server, as DATABASE:CORP:END (the seed's --corp and last
// day): the benchmark then measures on it instead of generating a corp
// of its own (at full size that takes half an hour), and leaves it.
const reuseEnv = "SIYU_BENCH_DASH_REUSE"

// BenchmarkDashboards measures the dashboards on MariaDB over a corp the
// generator fills (benchCustomers customers over 90 days): "seed" how
// long the generator takes; "aggregate-day", "aggregate-nightly-7days"
// (the nightly run's reach) and "aggregate-90days" (a rebuild) the
// aggregation, each beside "ceiling" from the same run: bare GROUP BY
// reads of the same days' ledger rows (ceilingReads) and one multi-row
// INSERT of as many rows as the aggregation wrote; "pages" p50/p99 of
// the dashboard pages (every page, three periods, admins, analysts and
// store managers) at 20 managers at once, beside a bare Gin handler and
// the raw SUM over daily_stats under the same loads.
func BenchmarkDashboards(top *testing.B) {
	n := benchCustomers(top)
	var rig *dashRig
	get := func() *dashRig {
		if rig == nil {
			rig = newDashRig(top, n)
		}
		return rig
	}
	top.Run("seed", func(b *testing.B) {
		r := get()
		for b.Loop() {
		}
		b.ReportMetric(r.seeded.Seconds(), "seed-s")
		b.ReportMetric(float64(r.rows)/r.seeded.Seconds(), "rows/s")
		b.ReportMetric(float64(r.s.rep.Rows["touches"]), "touches")
		b.ReportMetric(float64(r.s.rep.Rows["orders"]), "orders")
	})
	benchAggregate(top, get)
	benchPages(top, get)
}

func newDashRig(b *testing.B, customers int) *dashRig {
	var r *dashRig
	if v := os.Getenv(reuseEnv); v != "" {
		r = reuseRig(b, v)
	} else {
		d := testkit.MigratedDB(b, config.DriverMySQL)
		start := time.Now()
		s := seedCorp(b, d, customers, benchDays, "")
		r = &dashRig{d: d, s: s, seeded: time.Since(start)}
		for _, n := range s.rep.Rows {
			r.rows += n
		}
	}
	rows, err := r.d.SQL().Query("SELECT id FROM stores WHERE corp_id = ? AND kind = 'store' ORDER BY code", r.s.corp.ID)
	require.NoError(b, err)
	defer rows.Close()
	for rows.Next() {
		var id int64
		require.NoError(b, rows.Scan(&id))
		r.stores = append(r.stores, id)
	}
	b.Logf("seeded %d rows in %s (%.0f rows/s): %v", r.rows, r.seeded.Round(time.Second), float64(r.rows)/r.seeded.Seconds(), r.s.rep.Rows)
	return r
}

// reuseRig opens the seeded database reuseEnv names.
func reuseRig(b *testing.B, v string) *dashRig {
	parts := strings.Split(v, ":")
	require.Len(b, parts, 3, reuseEnv+" is DATABASE:CORP:END")
	c, err := mysql.ParseDSN(os.Getenv(testkit.EnvMySQLDSN))
	require.NoError(b, err, testkit.EnvMySQLDSN)
	c.DBName = parts[0]
	d := testkit.OpenMigrated(b, config.Database{Driver: config.DriverMySQL, DSN: c.FormatDSN(), MaxOpenConns: 30, MaxIdleConns: 30})
	corp, err := db.NewCorpStore(d, testkit.Box(b)).FindCorpByCorpID(context.Background(), parts[1])
	require.NoError(b, err)
	zone := app.ZoneNamed(corp.Timezone)
	end, err := time.ParseInLocation(time.DateOnly, parts[2], zone)
	require.NoError(b, err)
	rep := &seed.Report{Rows: map[string]int64{}}
	for _, t := range []string{"customers", "touches", "orders"} {
		var n int64
		require.NoError(b, d.SQL().QueryRow("SELECT COUNT(*) FROM "+t+" WHERE corp_id = ?", corp.ID).Scan(&n))
		rep.Rows[t] = n
	}
	r := &dashRig{d: d, s: seeded{corp: corp, zone: zone, from: end.AddDate(0, 0, 1-benchDays).Format(time.DateOnly), to: parts[2], rep: rep},
		seeded: time.Nanosecond}
	var days int
	require.NoError(b, d.SQL().QueryRow("SELECT COUNT(DISTINCT day) FROM daily_stats WHERE corp_id = ? AND day >= ? AND day <= ?",
		corp.ID, r.s.from, r.s.to).Scan(&days))
	r.aggregated = days == benchDays // already aggregated: the pages read it as it is
	return r
}

// ceilingInsert writes n rows like daily_stats rows into a scratch copy
// of the table in multi-row INSERTs, the bare cost of the aggregation's
// writes.
func ceilingInsert(b *testing.B, d *db.DB, n int) {
	ctx := context.Background()
	_, err := d.SQL().ExecContext(ctx, "CREATE TABLE IF NOT EXISTS bench_stats LIKE daily_stats")
	require.NoError(b, err)
	testkit.InsertRows(b, d, n, "bench_stats", "corp_id, day, dim, dim_key, store_id, adds, sales_cents, customers", func(i int) string {
		return fmt.Sprintf("(1,'2026-01-01','guide','g%08d',%d,%d,%d,%d)", i, i%200, i%7, i*13, i%500)
	})
	_, err = d.SQL().ExecContext(ctx, "DROP TABLE bench_stats")
	require.NoError(b, err)
}
