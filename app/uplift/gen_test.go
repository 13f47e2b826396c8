package uplift_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// The synthetic corps. Every row is written through the database (one
// multi-row INSERT per few thousand rows); a seeded generator makes the
// same corp every run. The sizes keep the package quick under -race on
// SQLite (whose every row costs there) while +30% stays several standard
// errors from 0.
//
// Guide corp: guideMembers members, alternately of store A (spending
// twice as much) and store B, each buying as a Poisson process of rate 1
// or 2 a year (times the store's factor) from 150 days before the months
// compared, amounts ¥100–400, one sale in twenty refunded by half three
// days later. Half of store A's members and 15% of store B's are first
// linked to a guide at a uniform time in the months compared; after the
// link they buy at effect times their rate (the known effect). A few are
// linked before the months compared or after them (neither group). Half
// the links are add touches recorded against the member, half relations
// (follows) of a customer the member is. One member in 25 has a second,
// merged record holding every other of its orders.
//
// Holdout corp: holdoutCustomers customers, 90% of them members, each in
// two mass sends (half held out, a few excluded for other reasons) and
// two journeys (40% held out; one in ten fired a second step two days
// later), at times whose windows do not meet; the first send and journey raise the chance of ordering in
// the window (0.5 held out) by the effect, the second by nothing. A
// member orders in a subject's window at most once, ¥100–400; one in ten
// also orders outside every window. A few more customers are first fired
// too recently to count.

const (
	guideMembers     = 2400
	holdoutCustomers = 1600
)

// now is the clock of every computation in these tests.
var now = time.Date(2026, 6, 15, 4, 0, 0, 0, time.UTC)

// corp is one synthetic corp and what the test knows of it.
type corp struct {
	id     int64
	stores [2]int64
	// linked counts, per store index, the members first linked in the
	// months compared; naive is the unstratified ratio of their mean
	// annualised spend to every eligible control's, computed by the
	// test from its own arrays.
	linked [2]int
}

// newCorp creates a corp in Asia/Shanghai with two stores and the RFM
// thresholds the classes at link are computed by.
func newCorp(t *testing.T, d *db.DB, core *root.Core) *corp {
	ctx := app.WithActor(context.Background(), "user:1")
	c := &app.Corp{CorpID: testkit.RandomName("ww"), Name: "提升测算", Timezone: "Asia/Shanghai"}
	require.NoError(t, core.Stores.Corps.CreateCorp(ctx, c))
	out := &corp{id: c.ID}
	for i, code := range []string{"A", "B"} {
		st := app.Store{CorpID: c.ID, Code: code, Name: code + "店"}
		require.NoError(t, core.Org.CreateStore(ctx, &st))
		out.stores[i] = st.ID
	}
	st := app.DefaultRFMSettings(c.ID, 0)
	st.RecencyDays, st.Frequency, st.MonetaryCents = 90, 4, 80000
	st.UsedRecencyDays, st.UsedFrequency, st.UsedMonetaryCents = 90, 4, 80000
	require.NoError(t, core.Stores.RFM.SaveRFMSettings(ctx, &st))
	return out
}

// rows collects the VALUES of one table's multi-row INSERT.
type rows struct {
	cols string
	vals []string
}

func (r *rows) add(format string, args ...any) { r.vals = append(r.vals, fmt.Sprintf(format, args...)) }

func (r *rows) insert(t *testing.T, d *db.DB, table string) {
	testkit.InsertRows(t, d, len(r.vals), table, r.cols, func(i int) string { return r.vals[i] })
}

// ts is t as a SQL literal, UTC.
func ts(t time.Time) string { return t.UTC().Format("'2006-01-02 15:04:05'") }

// insertMembers inserts the members of r and returns the first id (the
// ids of a multi-row insert follow one another).
func insertMembers(t *testing.T, d *db.DB, corpID int64, r *rows) int64 {
	var before int64
	require.NoError(t, d.SQL().QueryRow("SELECT COALESCE(MAX(id), 0) FROM members").Scan(&before))
	r.insert(t, d, "members")
	var first int64
	require.NoError(t, d.SQL().QueryRow("SELECT MIN(id) FROM members WHERE corp_id = ? AND id > ?", corpID, before).Scan(&first))
	return first
}

// orderBook writes a corp's orders, numbering them.
type orderBook struct {
	corpID int64
	rows   rows
	n      int
}

func newOrderBook(corpID int64) *orderBook {
	return &orderBook{corpID: corpID, rows: rows{cols: "corp_id, scope, source, kind, order_no, member_id, amount_cents, paid_at, content_hash, created_at, updated_at"}}
}

// addNet records o of member record rec: a sale, or a refund when its
// amount is negative.
func (o *orderBook) addNet(rec int64, x spent) {
	o.n++
	kind := "sale"
	if x.cents < 0 {
		kind = "refund"
	}
	o.rows.add("(%d, 0, 'pos', '%s', 'N%d', %d, %d, %s, '%s', %s, %s)", o.corpID, kind, o.n, rec, x.cents, ts(x.at), strings.Repeat("0", 64), ts(now), ts(now))
}

// poisson returns the times of a Poisson process of rate per year in
// [from, to).
func poisson(rng *rand.Rand, rate float64, from, to time.Time) []time.Time {
	var out []time.Time
	for at := from; ; {
		at = at.Add(time.Duration(rng.ExpFloat64() / rate * float64(365*24*time.Hour)))
		if !at.Before(to) {
			return out
		}
		out = append(out, at)
	}
}

// cents is an order amount, ¥100–400.
func cents(rng *rand.Rand) int64 { return 10000 + rng.Int64N(30001) }
