package db

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// partQuery is one GROUP BY over a day of a ledger: its SQL selects
// user_id, store_id, channel_id and figure columns named as app.Figures'
// fields, and its arguments come from the span.
type partQuery struct {
	name string
	sql  string
	args func(sp app.StatsSpan) []any
	// guideStore: the figure's store is the guide's binding.
	guideStore bool
}

// corpSpan is the arguments of a query over the day's instants.
func corpSpan(sp app.StatsSpan) []any { return []any{sp.CorpID, sp.From, sp.To} }

// partQueries are the figures counted by guide, store and channel
// straight from their ledger (STATS_SPEC, in app/stats' doc): each reads
// one day by an index on (corp_id, its time).
var partQueries = []partQuery{
	{name: "adds", args: corpSpan, sql: `SELECT userid AS user_id, COALESCE(store_id, 0) AS store_id, COALESCE(channel_id, 0) AS channel_id,
		COUNT(*) AS adds FROM touches WHERE corp_id = ? AND kind = 'add' AND at >= ? AND at < ? GROUP BY userid, store_id, channel_id`},
	{name: "ends", args: corpSpan, sql: `SELECT userid AS user_id, store_id,
		SUM(CASE WHEN ended_by = 'customer' THEN 1 ELSE 0 END) AS ends, SUM(CASE WHEN ended_by = 'guide' THEN 1 ELSE 0 END) AS removals
		FROM contact_ends WHERE corp_id = ? AND at >= ? AND at < ? GROUP BY userid, store_id`},
	{name: "welcomes", args: corpSpan, guideStore: true, sql: `SELECT userid AS user_id, COALESCE(channel_id, 0) AS channel_id,
		COUNT(*) AS welcomes, SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END) AS welcomes_sent
		FROM welcome_sends WHERE corp_id = ? AND created_at >= ? AND created_at < ? GROUP BY userid, channel_id`},
	{name: "tasks due", guideStore: true, args: func(sp app.StatsSpan) []any { return []any{sp.Now, sp.CorpID, sp.From, sp.To} },
		sql: `SELECT userid AS user_id, COUNT(*) AS tasks_due,
		SUM(CASE WHEN due_at < ? AND (done_at IS NULL OR done_at > due_at) THEN 1 ELSE 0 END) AS tasks_overdue
		FROM guide_tasks WHERE corp_id = ? AND due_at >= ? AND due_at < ? AND status <> 'cancelled' GROUP BY userid`},
	{name: "tasks done", args: corpSpan, guideStore: true, sql: `SELECT userid AS user_id, COUNT(*) AS tasks_done
		FROM guide_tasks WHERE corp_id = ? AND done_at >= ? AND done_at < ? AND status = 'done' GROUP BY userid`},
	{name: "mass-send tasks", args: corpSpan, guideStore: true, sql: `SELECT userid AS user_id, COUNT(*) AS ms_tasks,
		SUM(CASE WHEN confirmed THEN 1 ELSE 0 END) AS ms_confirmed
		FROM mass_send_chunks WHERE corp_id = ? AND created_at >= ? AND created_at < ? GROUP BY userid`},
	{name: "mass-send planned", args: corpSpan, guideStore: true, sql: `SELECT userid AS user_id, COUNT(*) AS ms_planned
		FROM mass_send_recipients WHERE corp_id = ? AND planned_at >= ? AND planned_at < ? AND excluded = '' GROUP BY userid`},
	{name: "mass-send delivered", args: corpSpan, guideStore: true, sql: `SELECT userid AS user_id, COUNT(*) AS ms_delivered
		FROM mass_send_recipients WHERE corp_id = ? AND result_at >= ? AND result_at < ? AND result = 'sent' GROUP BY userid`},
	{name: "group SOPs", args: corpSpan, guideStore: true, sql: `SELECT owner AS user_id, COUNT(*) AS sop_due,
		SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS sop_done
		FROM group_sop_fires WHERE corp_id = ? AND due_at >= ? AND due_at < ? GROUP BY owner`},
	{name: "helps", args: corpSpan, sql: `SELECT userid AS user_id, COALESCE(store_id, 0) AS store_id, COUNT(*) AS helps
		FROM referral_helps WHERE corp_id = ? AND status = 'credited' AND credited_at >= ? AND credited_at < ? GROUP BY userid, store_id`},
	// Customers is a snapshot at the day's end: the follows begun before
	// it and not ended by then.
	{name: "customers", guideStore: true, args: func(sp app.StatsSpan) []any { return []any{sp.CorpID, sp.To, sp.To} },
		sql: `SELECT userid AS user_id, COUNT(*) AS customers FROM follows
		WHERE corp_id = ? AND add_time < ? AND (deleted_at IS NULL OR deleted_at >= ?) GROUP BY userid`},
}

// StatParts returns the parts of the span's figures, from every ledger:
// those counted straight by guide, store and channel, credited revenue,
// first orders and channels' orders, and WeCom's chat figures.
func (s *StatsStore) StatParts(ctx context.Context, sp app.StatsSpan) ([]app.StatPart, error) {
	var out []app.StatPart
	for _, q := range partQueries {
		parts, err := s.parts(ctx, q.sql, q.args(sp)...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", q.name, err)
		}
		for i := range parts {
			parts[i].GuideStore = q.guideStore
		}
		out = append(out, parts...)
	}
	for _, more := range []func(context.Context, app.StatsSpan) ([]app.StatPart, error){s.creditParts, s.firstOrderParts, s.channelOrderParts, s.behaviorParts} {
		parts, err := more(ctx, sp)
		if err != nil {
			return nil, err
		}
		out = append(out, parts...)
	}
	return out, nil
}

// parts runs one part query.
func (s *StatsStore) parts(ctx context.Context, sql string, args ...any) ([]app.StatPart, error) {
	var parts []app.StatPart
	err := s.db.with(ctx).Raw(sql, args...).Scan(&parts).Error
	return parts, err
}
