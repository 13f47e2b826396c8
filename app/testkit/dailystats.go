package testkit

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// dailyStatColumns are daily_stats' columns in the order InsertDailyStats
// gives their values.
var dailyStatColumns = []string{"corp_id", "day", "dim", "dim_key", "store_id", "adds", "ends", "removals", "welcomes",
	"welcomes_sent", "tasks_due", "tasks_done", "tasks_overdue", "ms_tasks", "ms_confirmed", "ms_planned", "ms_delivered",
	"sop_due", "sop_done", "orders", "sales_cents", "refund_cents", "first_orders", "helps", "chat_cnt", "message_cnt",
	"reply_pct_sum", "reply_pct_n", "reply_time_sum", "reply_time_n", "negative_feedback", "new_apply", "new_contact", "customers"}

// InsertDailyStats writes rows into daily_stats as app/stats would, so a
// reader's or a page's test controls the figures it checks.
func InsertDailyStats(t testing.TB, d *db.DB, rows ...app.DailyStat) {
	t.Helper()
	sql := "INSERT INTO daily_stats (" + strings.Join(dailyStatColumns, ", ") + ") VALUES (?" +
		strings.Repeat(", ?", len(dailyStatColumns)-1) + ")"
	for _, r := range rows {
		f := r.Figures
		_, err := d.SQL().Exec(sql, r.CorpID, r.Day, r.Dim, r.Key, r.StoreID, f.Adds, f.Ends, f.Removals, f.Welcomes,
			f.WelcomesSent, f.TasksDue, f.TasksDone, f.TasksOverdue, f.MSTasks, f.MSConfirmed, f.MSPlanned, f.MSDelivered,
			f.SOPDue, f.SOPDone, f.Orders, f.SalesCents, f.RefundCents, f.FirstOrders, f.Helps, f.ChatCnt, f.MessageCnt,
			f.ReplyPctSum, f.ReplyPctN, f.ReplyTimeSum, f.ReplyTimeN, f.NegativeFeedback, f.NewApply, f.NewContact, f.Customers)
		require.NoError(t, err)
	}
}

// InsertDailyCredits writes rows of corpID into daily_credits.
func InsertDailyCredits(t testing.TB, d *db.DB, corpID int64, rows ...app.DailyCredit) {
	t.Helper()
	for _, r := range rows {
		_, err := d.SQL().Exec("INSERT INTO daily_credits (corp_id, rules_id, day, team, store_id, orders, sales_cents, refund_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			corpID, r.RulesID, r.Day, r.Team, r.StoreID, r.Orders, r.SalesCents, r.RefundCents)
		require.NoError(t, err)
	}
}

// InsertAssets writes rows of corpID into asset_snapshots.
func InsertAssets(t testing.TB, d *db.DB, corpID int64, rows ...app.AssetCount) {
	t.Helper()
	for _, r := range rows {
		_, err := d.SQL().Exec("INSERT INTO asset_snapshots (corp_id, day, store_id, class, stage, members) VALUES (?, ?, ?, ?, ?, ?)",
			corpID, r.Day, r.StoreID, r.Class, r.Stage, r.Members)
		require.NoError(t, err)
	}
}
