package seed_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// ceilingReads are the bare reads of a day the aggregation cannot do
// without: each ledger's rows of the day counted by guide (by store for
// orders), over the same columns and indexes, and the customers followed
// at the day's end.
var ceilingReads = []string{
	"SELECT userid, COUNT(*) FROM touches WHERE corp_id = ? AND kind = 'add' AND at >= ? AND at < ? GROUP BY userid",
	"SELECT userid, COUNT(*) FROM contact_ends WHERE corp_id = ? AND at >= ? AND at < ? GROUP BY userid",
	"SELECT userid, COUNT(*) FROM welcome_sends WHERE corp_id = ? AND created_at >= ? AND created_at < ? GROUP BY userid",
	"SELECT userid, COUNT(*) FROM guide_tasks WHERE corp_id = ? AND due_at >= ? AND due_at < ? GROUP BY userid",
	"SELECT userid, COUNT(*) FROM guide_tasks WHERE corp_id = ? AND done_at >= ? AND done_at < ? GROUP BY userid",
	"SELECT userid, COUNT(*) FROM mass_send_chunks WHERE corp_id = ? AND created_at >= ? AND created_at < ? GROUP BY userid",
	"SELECT userid, COUNT(*) FROM mass_send_recipients WHERE corp_id = ? AND planned_at >= ? AND planned_at < ? GROUP BY userid",
	"SELECT userid, COUNT(*) FROM mass_send_recipients WHERE corp_id = ? AND result_at >= ? AND result_at < ? GROUP BY userid",
	"SELECT owner, COUNT(*) FROM group_sop_fires WHERE corp_id = ? AND due_at >= ? AND due_at < ? GROUP BY owner",
	"SELECT userid, SUM(amount_cents) FROM order_credits WHERE corp_id = ? AND paid_at >= ? AND paid_at < ? GROUP BY userid",
	"SELECT store_id, SUM(amount_cents) FROM orders WHERE corp_id = ? AND paid_at >= ? AND paid_at < ? GROUP BY store_id",
	"SELECT userid, COUNT(*) FROM referral_helps WHERE corp_id = ? AND credited_at >= ? AND credited_at < ? GROUP BY userid",
	"SELECT userid, COUNT(*) FROM follows WHERE corp_id = ? AND add_time < ? AND (deleted_at IS NULL OR deleted_at >= ?) GROUP BY userid",
}

// ceiling reads days with the bare queries, then writes as many rows as
// the aggregation wrote for them (rows) in one go: what the aggregation
// cannot beat, from the same run.
func (r *dashRig) ceiling(b *testing.B, days []string, rows int) {
	for _, day := range days {
		start, _ := time.ParseInLocation(time.DateOnly, day, r.s.zone)
		s, e := start.UTC(), start.AddDate(0, 0, 1).UTC()
		for i, q := range ceilingReads {
			args := []any{r.s.corp.ID, s, e}
			if i == len(ceilingReads)-1 {
				args = []any{r.s.corp.ID, e, e}
			}
			res, err := r.d.SQL().Query(q, args...)
			require.NoError(b, err, q)
			for res.Next() {
			}
			require.NoError(b, res.Err())
			res.Close()
		}
	}
	ceilingInsert(b, r.d, rows)
	b.ReportMetric(float64(rows), "rows")
}

// statRows is how many aggregate rows days have.
func (r *dashRig) statRows(b *testing.B, days []string) int {
	var n int
	require.NoError(b, r.d.SQL().QueryRow("SELECT COUNT(*) FROM daily_stats WHERE corp_id = ? AND day >= ? AND day <= ?",
		r.s.corp.ID, days[0], days[len(days)-1]).Scan(&n))
	return n
}
