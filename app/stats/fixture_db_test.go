package stats_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// execer runs statements: the database, or the fixture's transaction.
type execer interface {
	Exec(query string, args ...any) (sql.Result, error)
}

// exec runs one statement of the fixture.
func exec(t *testing.T, d execer, q string, args ...any) int64 {
	t.Helper()
	res, err := d.Exec(q, args...)
	require.NoError(t, err, q)
	id, _ := res.LastInsertId()
	return id
}

// insertRow inserts one row of table from column/value pairs and returns
// its id.
func insertRow(t *testing.T, d execer, table string, kv ...any) int64 {
	t.Helper()
	var cols []string
	var args []any
	for i := 0; i < len(kv); i += 2 {
		cols = append(cols, kv[i].(string))
		args = append(args, kv[i+1])
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, strings.Join(cols, ", "), strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", "))
	return exec(t, d, q, args...)
}

// fill creates the corp's organisation (a brand of two stores, a third
// store without one, four guides, one of whom left) and members, draws
// the ledgers and inserts them.
func (f *fixture) fill(t *testing.T, d *db.DB, corp *app.Corp) {
	ctx, org := context.Background(), db.NewOrgStore(d)
	f.corpID = corp.ID
	b := &app.Brand{CorpID: corp.ID, Name: "品牌" + corp.CorpID}
	require.NoError(t, org.CreateBrand(ctx, b))
	for i, brand := range []*int64{&b.ID, &b.ID, nil} {
		st := &app.Store{CorpID: corp.ID, Code: fmt.Sprintf("S%d", i+1), Name: fmt.Sprintf("门店%d", i+1), Kind: app.StoreKindStore, Status: app.StoreOpen, BrandID: brand}
		require.NoError(t, org.CreateStore(ctx, st))
		f.stores = append(f.stores, st.ID)
		if brand != nil {
			f.brandOf[st.ID] = *brand
		}
	}
	for i, u := range []string{"g1", "g2", "g3", "g4"} {
		g := &app.Guide{CorpID: corp.ID, UserID: u, Name: "导购" + u, StoreID: f.stores[max(i-1, 0)], Role: app.GuideRoleGuide, Status: app.GuideActive}
		if u == "g4" {
			g.Status = app.GuideLeft
		}
		require.NoError(t, org.CreateGuide(ctx, g))
		f.guideOf[u] = g.StoreID
	}
	// One transaction: a commit per row is what a fixture on MariaDB
	// would spend its time on.
	tx, err := d.SQL().Begin()
	require.NoError(t, err)
	f.fillMembers(t, tx)
	f.draw()
	f.insertLedgers(t, tx)
	f.insertOrders(t, tx)
	require.NoError(t, tx.Commit())
}

func (f *fixture) fillMembers(t *testing.T, d execer) {
	now := f.now
	for i := range 12 {
		m := memberRow{status: app.MemberActive, home: f.store(), class: pick(f.r, "champion", "at_risk", "new"), stage: pick(f.r, "intro", "active"), rfm: i%4 != 3}
		if i%6 == 5 {
			m.status = app.MemberMerged
		}
		m.id = insertRow(t, d, "members", "corp_id", f.corpID, "status", m.status, "home_store_id", m.home, "created_at", now, "updated_at", now)
		if m.rfm {
			insertRow(t, d, "member_rfm", "corp_id", f.corpID, "member_id", m.id, "scope", 0, "recency_days", 1, "frequency", 1,
				"monetary_cents", 100, "class", m.class, "stage", m.stage, "computed_at", now)
		}
		f.members = append(f.members, m)
	}
}

// insertLedgers inserts every ledger but the orders and credits.
func (f *fixture) insertLedgers(t *testing.T, d execer) {
	c := f.corpID
	for i := range f.touches {
		tc := &f.touches[i]
		tc.id = insertRow(t, d, "touches", "corp_id", c, "kind", tc.kind, "source_id", fmt.Sprintf("t%d", i), "userid", tc.userID, "store_id", tc.store,
			"channel_id", tc.channel, "member_id", tc.member, "at", tc.at, "created_at", tc.at)
	}
	for i, e := range f.ends {
		insertRow(t, d, "contact_ends", "corp_id", c, "event_key", fmt.Sprintf("e%d", i), "userid", e.userID, "external_userid", "wm", "store_id", e.store, "ended_by", e.by, "at", e.at)
	}
	for i, w := range f.welcomes {
		insertRow(t, d, "welcome_sends", "corp_id", c, "event_key", fmt.Sprintf("w%d", i), "userid", w.userID, "external_userid", "wm", "channel_id", w.channel,
			"status", w.status, "created_at", w.created, "updated_at", w.created)
	}
	for i, k := range f.tasks {
		insertRow(t, d, "guide_tasks", "corp_id", c, "userid", k.userID, "external_userid", "wm", "kind", "follow_up", "title", "跟进", "status", k.status,
			"due_at", k.due, "done_at", k.done, "source", fmt.Sprintf("k%d", i), "created_at", f.now, "updated_at", f.now)
	}
	for i, k := range f.chunks {
		insertRow(t, d, "mass_send_chunks", "corp_id", c, "send_id", c, "userid", k.userID, "chunk", i, "size", 1, "state", "created",
			"confirmed", k.confirmed, "created_at", k.created, "updated_at", k.created)
	}
	for i, r := range f.recips {
		insertRow(t, d, "mass_send_recipients", "corp_id", c, "send_id", c, "external_userid", fmt.Sprintf("wm%d", i), "userid", r.userID,
			"excluded", r.excluded, "result", r.result, "planned_at", r.planned, "result_at", r.resultAt)
	}
	for i, r := range f.fires {
		insertRow(t, d, "group_sop_fires", "corp_id", c, "sop_id", c, "step_id", 1, "chat_id", fmt.Sprintf("wr%d", i), "occurrence", "1",
			"owner", r.owner, "due_at", r.due, "status", r.status, "created_at", r.due)
	}
	for i, h := range f.helps {
		insertRow(t, d, "referral_helps", "corp_id", c, "campaign_id", c, "participant_id", 1, "invitee_unionid", fmt.Sprintf("u%d", i),
			"external_userid", "wm", "userid", h.userID, "store_id", h.store, "arrived_at", f.now, "status", h.status, "credited_at", h.credited, "updated_at", f.now)
	}
	for _, fl := range f.follows {
		insertRow(t, d, "follows", "corp_id", c, "userid", fl.userID, "external_userid", fl.external, "add_time", fl.added, "deleted_at", fl.deleted,
			"created_at", f.now, "updated_at", f.now)
	}
	for _, b := range f.behavior {
		insertRow(t, d, "behavior_days", "corp_id", c, "userid", b.userID, "day", b.day, "chat_cnt", b.chat, "message_cnt", b.msg,
			"reply_pct_bp", b.replyPct, "avg_reply_time_x100", b.replyTime, "negative_feedback_cnt", b.neg, "new_apply_cnt", b.apply, "new_contact_cnt", b.added, "pulled_at", f.now)
	}
}

// insertOrders inserts three rule versions (two of one scope), the sales,
// refunds of some, and the credits of all of them.
func (f *fixture) insertOrders(t *testing.T, d execer) {
	for _, r := range []ruleRow{{scope: 0, version: 1}, {scope: 0, version: 2}, {scope: 9, version: 1}} {
		r.id = insertRow(t, d, "attribution_rules", "corp_id", f.corpID, "scope", r.scope, "version", r.version, "precedence", "[]", "share_days", 0,
			"protection_days", 0, "acquirer_pct", 0, "binding", "none", "cross_store", false, "lookback_days", 0, "half_life_days", 0,
			"created_by", "test", "created_at", f.now)
		f.rules = append(f.rules, r)
	}
	for _, o := range f.drawOrders() {
		f.insertOrder(t, d, o)
	}
	sales := f.orders
	for range 8 {
		s := pick(f.r, sales...)
		f.insertOrder(t, d, orderRow{kind: "refund", refundOf: &s.id, member: s.member, store: s.store,
			amount: -(1 + f.r.Int64N(s.amount)), paid: s.paid.Add(time.Duration(f.r.IntN(30)) * time.Hour)})
	}
	f.drawCredits()
	for _, c := range f.credits {
		insertRow(t, d, "order_credits", "corp_id", f.corpID, "order_id", c.order, "rules_id", c.rules, "model", c.model, "line", c.line,
			"userid", c.userID, "store_id", c.store, "team", c.team, "share_bp", 10000, "amount_cents", c.amount, "explanation", "",
			"paid_at", c.paid, "computed_at", f.now)
	}
}

func (f *fixture) insertOrder(t *testing.T, d execer, o orderRow) {
	o.id = insertRow(t, d, "orders", "corp_id", f.corpID, "source", app.OrderSourcePOS, "kind", o.kind, "order_no", fmt.Sprintf("NO%d", len(f.orders)),
		"refund_of_id", o.refundOf, "store_id", o.store, "member_id", o.member, "amount_cents", o.amount, "paid_at", o.paid,
		"content_hash", strings.Repeat("0", 64), "created_at", f.now, "updated_at", f.now)
	f.orders = append(f.orders, o)
}
