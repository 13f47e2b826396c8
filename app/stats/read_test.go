package stats_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// figureColumns are daily_stats' figure columns, in the order of
// figurePointers.
const figureColumns = `adds, ends, removals, welcomes, welcomes_sent, tasks_due, tasks_done, tasks_overdue, ms_tasks, ms_confirmed,
	ms_planned, ms_delivered, sop_due, sop_done, orders, sales_cents, refund_cents, first_orders, helps, chat_cnt, message_cnt,
	reply_pct_sum, reply_pct_n, reply_time_sum, reply_time_n, negative_feedback, new_apply, new_contact, customers`

func figurePointers(f *app.Figures) []any {
	return []any{&f.Adds, &f.Ends, &f.Removals, &f.Welcomes, &f.WelcomesSent, &f.TasksDue, &f.TasksDone, &f.TasksOverdue, &f.MSTasks,
		&f.MSConfirmed, &f.MSPlanned, &f.MSDelivered, &f.SOPDue, &f.SOPDone, &f.Orders, &f.SalesCents, &f.RefundCents, &f.FirstOrders,
		&f.Helps, &f.ChatCnt, &f.MessageCnt, &f.ReplyPctSum, &f.ReplyPctN, &f.ReplyTimeSum, &f.ReplyTimeN, &f.NegativeFeedback,
		&f.NewApply, &f.NewContact, &f.Customers}
}

// storedRows reads the corp's daily_stats rows of day as written.
func storedRows(t *testing.T, d *db.DB, corpID int64, day string) map[key]app.Figures {
	t.Helper()
	rows, err := d.SQL().Query("SELECT dim, dim_key, store_id, "+figureColumns+" FROM daily_stats WHERE corp_id = ? AND day = ?", corpID, day)
	require.NoError(t, err)
	defer rows.Close()
	out := map[key]app.Figures{}
	for rows.Next() {
		var k key
		var f app.Figures
		require.NoError(t, rows.Scan(append([]any{&k.dim, &k.key, &k.store}, figurePointers(&f)...)...))
		out[k] = f
	}
	require.NoError(t, rows.Err())
	return out
}

// storedCredits reads the corp's daily_credits rows of day.
func storedCredits(t *testing.T, d *db.DB, corpID int64, day string) map[app.DailyCredit]bool {
	t.Helper()
	rows, err := d.SQL().Query("SELECT rules_id, team, store_id, orders, sales_cents, refund_cents FROM daily_credits WHERE corp_id = ? AND day = ?", corpID, day)
	require.NoError(t, err)
	defer rows.Close()
	out := map[app.DailyCredit]bool{}
	for rows.Next() {
		c := app.DailyCredit{Day: day}
		require.NoError(t, rows.Scan(&c.RulesID, &c.Team, &c.StoreID, &c.Orders, &c.SalesCents, &c.RefundCents))
		out[c] = true
	}
	require.NoError(t, rows.Err())
	return out
}

// storedAssets reads the corp's asset snapshot of day.
func storedAssets(t *testing.T, d *db.DB, corpID int64, day string) map[app.AssetCount]bool {
	t.Helper()
	rows, err := d.SQL().Query("SELECT store_id, class, stage, members FROM asset_snapshots WHERE corp_id = ? AND day = ?", corpID, day)
	require.NoError(t, err)
	defer rows.Close()
	out := map[app.AssetCount]bool{}
	for rows.Next() {
		a := app.AssetCount{Day: day}
		require.NoError(t, rows.Scan(&a.StoreID, &a.Class, &a.Stage, &a.Members))
		out[a] = true
	}
	require.NoError(t, rows.Err())
	return out
}

// dump is every row the corp has in the aggregate tables, as text, to
// compare two computations.
func dump(t *testing.T, d *db.DB, corpID int64) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT CAST(day AS CHAR), dim, dim_key, store_id, " + figureColumns + " FROM daily_stats WHERE corp_id = ? ORDER BY day, dim, dim_key, store_id",
		"SELECT CAST(day AS CHAR), rules_id, team, store_id, orders, sales_cents, refund_cents FROM daily_credits WHERE corp_id = ? ORDER BY day, rules_id, team, store_id",
		"SELECT CAST(day AS CHAR), store_id, class, stage, members FROM asset_snapshots WHERE corp_id = ? ORDER BY day, store_id, class, stage",
		"SELECT CAST(day AS CHAR), row_count FROM stats_days WHERE corp_id = ? ORDER BY day",
	} {
		rows, err := d.SQL().Query(q, corpID)
		require.NoError(t, err)
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(t, rows.Scan(ptrs...))
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%v|", v)
			}
			b.WriteByte('\n')
		}
		require.NoError(t, rows.Close())
	}
	return b.String()
}

// totalsAgree holds the dashboards' period totals of every dimension —
// read from the running totals, current once Compute returns — against
// the stored daily rows summed here, over every day and over the later
// two (a period the running totals answer by subtraction).
func totalsAgree(t *testing.T, d *db.DB, f *fixture) {
	t.Helper()
	var stale *string
	require.NoError(t, d.SQL().QueryRow("SELECT CAST(stale_from AS CHAR) FROM stat_cum_marks WHERE corp_id = ?", f.corpID).Scan(&stale))
	require.Nil(t, stale, "the running totals are current once Compute returns")
	rd := db.NewStatsReadStore(d)
	for _, from := range f.days[:2] {
		want := map[key]app.Figures{}
		for _, day := range f.days {
			for k, fig := range storedRows(t, d, f.corpID, day) {
				if day < from {
					continue
				}
				w := want[k]
				fig.Customers = 0 // a snapshot: the last day's, set below
				w.Add(fig)
				want[k] = w
			}
		}
		for k, fig := range storedRows(t, d, f.corpID, f.days[len(f.days)-1]) {
			w := want[k]
			w.Customers = fig.Customers
			want[k] = w
		}
		got := map[key]app.Figures{}
		for _, dim := range app.StatDims {
			rows, err := rd.StatTotals(context.Background(), app.StatsQuery{CorpID: f.corpID, Dim: dim, From: from, To: f.days[len(f.days)-1]})
			require.NoError(t, err)
			for _, r := range rows {
				got[key{dim, r.Key, r.StoreID}] = r.Figures
			}
		}
		require.NotEmpty(t, want)
		require.Equal(t, want, got, "totals from %s", from)
	}
}
