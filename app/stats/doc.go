// Package stats computes the managers' daily aggregates (issue 15) from
// the ledgers, and is the only writer of daily_stats, daily_credits,
// asset_snapshots, contact_ends and stats_days. The dashboards read the
// aggregates (app/db's StatsReadStore), never the ledgers.
//
// # Days
//
// Day D (yyyy-mm-dd) is a calendar day in the corp's zone (app.ZoneNamed
// of corps.timezone): the instants [D 00:00, D+1 00:00) local, in UTC for
// the queries, as every stored time is. A touch at 23:30 local belongs to
// that local day whatever the UTC date.
//
// # Rows (dimensions)
//
//   - guide: key userid, store_id the store of the guide's binding
//     (guides.store_id; 0 when the userid is no guide). A figure with no
//     userid makes no guide row.
//   - store: key and store_id the store's id; a figure's store is defined
//     per figure below.
//   - channel: key the channel id, split by store_id (the store defined
//     per figure), so a store manager sees their store's part of a channel.
//   - brand: key the brand id; the sum of the store rows of the brand's
//     stores (a store without a brand makes no brand row).
//   - corp: key "", store_id 0: the figure over the whole corp, things
//     with no store included.
//
// A row is written only when one of its figures is not zero.
//
// # Figures of day D
//
//   - adds: touches kind 'add' at in D; guide touches.userid, store and
//     channel the touch's.
//   - ends / removals: contact_ends at in D, ended_by customer (流失, the
//     customer deleted the guide: del_follow_user) or guide
//     (del_external_contact; not a transfer's deletion). Guide userid,
//     store contact_ends.store_id, the guide's binding when the event was
//     applied. Recorded once per event by the "stats.end" subscriber.
//   - welcomes: welcome_sends created in D; welcomes_sent of them status
//     'sent'. Guide userid, store the guide's, channel the send's.
//   - tasks_due: guide_tasks due in D not cancelled; tasks_overdue of them
//     due before the computing time and not done by their due time;
//     tasks_done: status 'done' with done_at in D. Store the guide's.
//   - ms_tasks: mass_send_chunks created in D, ms_confirmed of them
//     confirmed; ms_planned: mass_send_recipients planned in D and not
//     excluded; ms_delivered: recipients with result 'sent' at in D.
//     Store the guide's.
//   - sop_due: group_sop_fires due in D, sop_done of them 'done'
//     (self-reported). Guide the owner, store the guide's.
//   - orders / sales_cents / refund_cents: order_credits of model 'rules'
//     under each scope's rule version of record (its highest version),
//     paid in D: sales the positive lines, refunds the negative ones
//     (positive), orders the distinct orders with a positive line in the
//     row. Guide and store the credit's.
//   - first_orders: members whose first sale (the earliest of all their
//     sale orders, refunds aside) was paid in D, by the userid, store and
//     channel of their latest add touch at or before it; with none, in
//     the corp row only. Channel rows carry orders / sales_cents /
//     refund_cents too: the order amounts (not credits) paid in D of the
//     members whose latest add before the payment came through the
//     channel, split by that touch's store.
//   - helps: referral_helps credited in D; guide and store the help's.
//   - chat_cnt, message_cnt, negative_feedback, new_apply, new_contact:
//     WeCom's behavior_days of D summed; reply_pct_sum / reply_pct_n and
//     reply_time_sum / reply_time_n the sums and numbers of guide-days
//     with a reply percentage or time. Store the guide's.
//   - customers (a snapshot): follows added before the end of D and not
//     deleted by then. Store the guide's.
//
// daily_credits: every rule version's credits (not only the rules of
// record) paid in D, by version, team and store (0 none). asset_snapshots:
// active members by home store (0 none), RFM class and stage as they
// stand, written only when D is computed as today or yesterday (RFM is a
// state: a past day's snapshot is kept, never recomputed).
//
// # Computing
//
// Compute replaces every daily_stats and daily_credits row of a day in one
// transaction (delete, then multi-row inserts), writes the asset snapshot
// when due, and records the day in stats_days; the ledgers are read before
// it, by a few GROUP BY queries giving parts by guide, store and channel
// that Rollup (pure) sums into the rows. It is idempotent, and two workers
// computing the same day leave one result (a deadlock is retried). Every
// 15 minutes a tick recomputes each corp's today and yesterday; once a
// night, from 03:40 in the corp's zone, the last Options.RecomputeDays
// days (late orders, attribution recomputes); Rebuild (siyu stats
// rebuild) any range.
package stats
