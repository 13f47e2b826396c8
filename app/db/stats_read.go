package db

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// StatsReadStore reads the daily aggregates app/stats writes, for the
// dashboards; it writes nothing. Days are compared as half-open ranges
// of yyyy-mm-dd text ([from, the day after to)), which reads a DATE the
// same whether a dialect keeps it as a date or as text.
type StatsReadStore struct{ db *DB }

// NewStatsReadStore returns a StatsReadStore on db.
func NewStatsReadStore(db *DB) *StatsReadStore { return &StatsReadStore{db: db} }

var _ app.StatsReader = (*StatsReadStore)(nil)

// statFigures are the figure columns of daily_stats, each as the
// Figures field gorm maps it to; customers is apart (a snapshot).
var statFigures = []string{"adds", "ends", "removals", "welcomes", "welcomes_sent", "tasks_due", "tasks_done", "tasks_overdue",
	"ms_tasks", "ms_confirmed", "ms_planned", "ms_delivered", "sop_due", "sop_done", "orders", "sales_cents", "refund_cents",
	"first_orders", "helps", "chat_cnt", "message_cnt", "reply_pct_sum", "reply_pct_n", "reply_time_sum", "reply_time_n",
	"negative_feedback", "new_apply", "new_contact"}

// statRow is a daily_stats row as read: the figures by column name.
type statRow struct {
	Day              string
	DimKey           string
	StoreID          int64
	Adds             int64
	Ends             int64
	Removals         int64
	Welcomes         int64
	WelcomesSent     int64
	TasksDue         int64
	TasksDone        int64
	TasksOverdue     int64
	MSTasks          int64 `gorm:"column:ms_tasks"`
	MSConfirmed      int64 `gorm:"column:ms_confirmed"`
	MSPlanned        int64 `gorm:"column:ms_planned"`
	MSDelivered      int64 `gorm:"column:ms_delivered"`
	SOPDue           int64 `gorm:"column:sop_due"`
	SOPDone          int64 `gorm:"column:sop_done"`
	Orders           int64
	SalesCents       int64
	RefundCents      int64
	FirstOrders      int64
	Helps            int64
	ChatCnt          int64
	MessageCnt       int64
	ReplyPctSum      int64
	ReplyPctN        int64
	ReplyTimeSum     int64
	ReplyTimeN       int64
	NegativeFeedback int64
	NewApply         int64
	NewContact       int64
	Customers        int64
}

// figurePtrs are r's fields in statFigures' order.
func (r *statRow) figurePtrs() []any {
	return []any{&r.Adds, &r.Ends, &r.Removals, &r.Welcomes, &r.WelcomesSent, &r.TasksDue, &r.TasksDone, &r.TasksOverdue,
		&r.MSTasks, &r.MSConfirmed, &r.MSPlanned, &r.MSDelivered, &r.SOPDue, &r.SOPDone, &r.Orders, &r.SalesCents, &r.RefundCents,
		&r.FirstOrders, &r.Helps, &r.ChatCnt, &r.MessageCnt, &r.ReplyPctSum, &r.ReplyPctN, &r.ReplyTimeSum, &r.ReplyTimeN,
		&r.NegativeFeedback, &r.NewApply, &r.NewContact}
}

func (r statRow) stat(q app.StatsQuery) app.DailyStat {
	return app.DailyStat{CorpID: q.CorpID, Day: dayOnly(r.Day), Dim: q.Dim, Key: r.DimKey, StoreID: r.StoreID, Figures: app.Figures{
		Adds: r.Adds, Ends: r.Ends, Removals: r.Removals, Welcomes: r.Welcomes, WelcomesSent: r.WelcomesSent,
		TasksDue: r.TasksDue, TasksDone: r.TasksDone, TasksOverdue: r.TasksOverdue,
		MSTasks: r.MSTasks, MSConfirmed: r.MSConfirmed, MSPlanned: r.MSPlanned, MSDelivered: r.MSDelivered,
		SOPDue: r.SOPDue, SOPDone: r.SOPDone, Orders: r.Orders, SalesCents: r.SalesCents, RefundCents: r.RefundCents,
		FirstOrders: r.FirstOrders, Helps: r.Helps, ChatCnt: r.ChatCnt, MessageCnt: r.MessageCnt,
		ReplyPctSum: r.ReplyPctSum, ReplyPctN: r.ReplyPctN, ReplyTimeSum: r.ReplyTimeSum, ReplyTimeN: r.ReplyTimeN,
		NegativeFeedback: r.NegativeFeedback, NewApply: r.NewApply, NewContact: r.NewContact, Customers: r.Customers}}
}

// dayAfter is the day following day (yyyy-mm-dd); a day that does not
// parse is refused.
func dayAfter(day string) (string, error) {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return "", app.Errorf(app.EINVALID, "日期应为 YYYY-MM-DD：%s", day)
	}
	return t.AddDate(0, 0, 1).Format(time.DateOnly), nil
}

// dayBefore is the day preceding day (yyyy-mm-dd).
func dayBefore(day string) (string, error) {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return "", app.Errorf(app.EINVALID, "日期应为 YYYY-MM-DD：%s", day)
	}
	return t.AddDate(0, 0, -1).Format(time.DateOnly), nil
}

// statRows selects q's rows of daily_stats over its days.
func (s *StatsReadStore) statRows(ctx context.Context, q app.StatsQuery) (*gorm.DB, error) {
	end, err := dayAfter(q.To)
	if err != nil {
		return nil, err
	}
	tx := s.db.with(ctx).Table("daily_stats").Where("corp_id = ? AND dim = ? AND day >= ? AND day < ?", q.CorpID, q.Dim, q.From, end)
	if q.StoreID != 0 {
		tx = tx.Where("store_id = ?", q.StoreID)
	}
	if len(q.Keys) > 0 {
		tx = tx.Where("dim_key IN ?", q.Keys)
	}
	return tx, nil
}

// DailyStats returns the rows of q, one per day, key and store, in day
// then key order.
func (s *StatsReadStore) DailyStats(ctx context.Context, q app.StatsQuery) ([]app.DailyStat, error) {
	tx, err := s.statRows(ctx, q)
	if err != nil {
		return nil, err
	}
	var rows []statRow
	err = tx.Select("day, dim_key, store_id, customers, " + strings.Join(statFigures, ", ")).
		Order("day, dim_key, store_id").Find(&rows).Error
	out := make([]app.DailyStat, len(rows))
	for i, r := range rows {
		out[i] = r.stat(q)
	}
	return out, domainError(err, "统计数据")
}

// StatTotals returns q's rows summed over the period in SQL, one per key
// and store with a row in it. Customers, a snapshot, is the value on the
// period's last computed day (0 for a key with no row that day: it had
// none left). The running totals answer when they are current through
// that day; otherwise the period's daily rows are summed.
func (s *StatsReadStore) StatTotals(ctx context.Context, q app.StatsQuery) ([]app.DailyStat, error) {
	last, err := s.lastDay(ctx, q)
	if err != nil || last == "" {
		return nil, err
	}
	lastEnd, err := dayAfter(last)
	if err != nil {
		return nil, err
	}
	if ok, err := s.cumsCurrent(ctx, q.CorpID, last); err != nil || ok {
		if err != nil {
			return nil, err
		}
		return s.cumTotals(ctx, q, last)
	}
	tx, err := s.statRows(ctx, q)
	if err != nil {
		return nil, err
	}
	sums := make([]string, len(statFigures))
	for i, c := range statFigures {
		sums[i] = "SUM(" + c + ") AS " + c
	}
	var rows []statRow
	err = tx.Select("dim_key, store_id, SUM(CASE WHEN day >= ? AND day < ? THEN customers ELSE 0 END) AS customers, "+strings.Join(sums, ", "),
		last, lastEnd).Group("dim_key, store_id").Order("dim_key, store_id").Find(&rows).Error
	out := make([]app.DailyStat, len(rows))
	for i, r := range rows {
		out[i] = r.stat(q)
		out[i].Day = ""
	}
	return out, domainError(err, "统计数据")
}

// lastDay is the latest day of q's period the corp's aggregates were
// computed for (stats_days), or, before any such record, the latest day
// with rows of q's dimension; "" when there is none.
func (s *StatsReadStore) lastDay(ctx context.Context, q app.StatsQuery) (string, error) {
	end, err := dayAfter(q.To)
	if err != nil {
		return "", err
	}
	var day *string
	err = s.db.with(ctx).Table("stats_days").Where("corp_id = ? AND day >= ? AND day < ?", q.CorpID, q.From, end).
		Select("MAX(day)").Row().Scan(&day)
	if err == nil && day == nil {
		err = s.db.with(ctx).Table("daily_stats").Where("corp_id = ? AND dim = ? AND day >= ? AND day < ?", q.CorpID, q.Dim, q.From, end).
			Select("MAX(day)").Row().Scan(&day)
	}
	if err != nil || day == nil {
		return "", domainError(err, "统计数据")
	}
	return dayOnly(*day), nil
}
