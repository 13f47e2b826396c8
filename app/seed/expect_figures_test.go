package seed_test

import "github.com/siyu-scrm/siyu/app"

// guideStore joins a ledger's userid column u to its guide's binding.
func guideStore(u string) string {
	return " LEFT JOIN guides g ON g.corp_id = ? AND g.userid = " + u + " "
}

// day adds every figure of day (the instants [s, e)) to the rows.
func (x *expect) day(day string, s, e any) {
	c := x.corp
	add := func(q string, args []any, dims int, set func(f *app.Figures, n []int64)) {
		x.scan(q, args, 1, func(k []string, n []int64) {
			x.fact(day, k[0], n[0], n[1], dims, func(f *app.Figures) { set(f, n[2:]) })
		})
	}
	add(`SELECT userid, COALESCE(store_id, 0), COALESCE(channel_id, 0), COUNT(*) FROM touches
		WHERE corp_id = ? AND kind = 'add' AND at >= ? AND at < ? GROUP BY userid, store_id, channel_id`, []any{c, s, e}, toAll,
		func(f *app.Figures, n []int64) { f.Adds += n[0] })
	add(`SELECT userid, store_id, 0, SUM(CASE WHEN ended_by = 'customer' THEN 1 ELSE 0 END), SUM(CASE WHEN ended_by = 'guide' THEN 1 ELSE 0 END)
		FROM contact_ends WHERE corp_id = ? AND at >= ? AND at < ? GROUP BY userid, store_id`, []any{c, s, e}, toAll,
		func(f *app.Figures, n []int64) { f.Ends += n[0]; f.Removals += n[1] })
	add(`SELECT w.userid, COALESCE(g.store_id, 0), COALESCE(w.channel_id, 0), COUNT(*), SUM(CASE WHEN w.status = 'sent' THEN 1 ELSE 0 END)
		FROM welcome_sends w`+guideStore("w.userid")+`WHERE w.corp_id = ? AND w.created_at >= ? AND w.created_at < ?
		GROUP BY w.userid, g.store_id, w.channel_id`, []any{c, c, s, e}, toAll,
		func(f *app.Figures, n []int64) { f.Welcomes += n[0]; f.WelcomesSent += n[1] })
	add(`SELECT t.userid, COALESCE(g.store_id, 0), 0, COUNT(*),
		SUM(CASE WHEN t.due_at < ? AND (t.done_at IS NULL OR t.done_at > t.due_at) THEN 1 ELSE 0 END)
		FROM guide_tasks t`+guideStore("t.userid")+`WHERE t.corp_id = ? AND t.due_at >= ? AND t.due_at < ? AND t.status <> 'cancelled'
		GROUP BY t.userid, g.store_id`, []any{x.now, c, c, s, e}, toAll,
		func(f *app.Figures, n []int64) { f.TasksDue += n[0]; f.TasksOverdue += n[1] })
	add(`SELECT t.userid, COALESCE(g.store_id, 0), 0, COUNT(*) FROM guide_tasks t`+guideStore("t.userid")+`
		WHERE t.corp_id = ? AND t.status = 'done' AND t.done_at >= ? AND t.done_at < ? GROUP BY t.userid, g.store_id`, []any{c, c, s, e}, toAll,
		func(f *app.Figures, n []int64) { f.TasksDone += n[0] })
	add(`SELECT m.userid, COALESCE(g.store_id, 0), 0, COUNT(*), SUM(CASE WHEN m.confirmed = 1 THEN 1 ELSE 0 END)
		FROM mass_send_chunks m`+guideStore("m.userid")+`WHERE m.corp_id = ? AND m.created_at >= ? AND m.created_at < ?
		GROUP BY m.userid, g.store_id`, []any{c, c, s, e}, toAll,
		func(f *app.Figures, n []int64) { f.MSTasks += n[0]; f.MSConfirmed += n[1] })
	add(`SELECT r.userid, COALESCE(g.store_id, 0), 0, COUNT(*) FROM mass_send_recipients r`+guideStore("r.userid")+`
		WHERE r.corp_id = ? AND r.planned_at >= ? AND r.planned_at < ? AND r.excluded = '' GROUP BY r.userid, g.store_id`, []any{c, c, s, e}, toAll,
		func(f *app.Figures, n []int64) { f.MSPlanned += n[0] })
	add(`SELECT r.userid, COALESCE(g.store_id, 0), 0, COUNT(*) FROM mass_send_recipients r`+guideStore("r.userid")+`
		WHERE r.corp_id = ? AND r.result = 'sent' AND r.result_at >= ? AND r.result_at < ? GROUP BY r.userid, g.store_id`, []any{c, c, s, e}, toAll,
		func(f *app.Figures, n []int64) { f.MSDelivered += n[0] })
	add(`SELECT o.owner, COALESCE(g.store_id, 0), 0, COUNT(*), SUM(CASE WHEN o.status = 'done' THEN 1 ELSE 0 END)
		FROM group_sop_fires o`+guideStore("o.owner")+`WHERE o.corp_id = ? AND o.due_at >= ? AND o.due_at < ? GROUP BY o.owner, g.store_id`,
		[]any{c, c, s, e}, toAll, func(f *app.Figures, n []int64) { f.SOPDue += n[0]; f.SOPDone += n[1] })
	add(`SELECT userid, COALESCE(store_id, 0), 0, COUNT(*) FROM referral_helps
		WHERE corp_id = ? AND status = 'credited' AND credited_at >= ? AND credited_at < ? GROUP BY userid, store_id`, []any{c, s, e}, toAll,
		func(f *app.Figures, n []int64) { f.Helps += n[0] })
	x.credited(day, s, e)
	x.firstOrders(day, s, e)
}
