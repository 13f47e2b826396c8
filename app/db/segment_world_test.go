package db_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/db"
)

// planWorld writes a corp of n customers with every kind of related row,
// many of them more than once a customer (two brand scopes of owners and
// members, several tags and touches), so that a plan starting from those
// rows meets a customer more than once. The first three customers have 15
// recent touches each: more than a page of the first customers' rows.
type planWorld struct {
	t      *testing.T
	d      *db.DB
	rng    *rand.Rand
	now    time.Time
	corp   int64
	stores [2]int64
}

func seedPlanWorld(t *testing.T, d *db.DB, n int, now time.Time) *planWorld {
	w := &planWorld{t: t, d: d, rng: rand.New(rand.NewPCG(7, 11)), now: now}
	w.corp = w.exec("INSERT INTO corps (corp_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)", "ww_plan", "计划", now, now)
	for i := range w.stores {
		w.stores[i] = w.exec("INSERT INTO stores (corp_id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
			w.corp, fmt.Sprint("P", i), fmt.Sprint("门店", i), now, now)
	}
	for i := range n {
		ext := fmt.Sprintf("wp%03d", i)
		w.exec("INSERT INTO customers (corp_id, external_userid, name, gender, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
			w.corp, ext, ext, w.rng.IntN(3), now, now)
		w.follows(ext, i < 3)
		w.owner(ext, 0, 8)
		w.owner(ext, 7, 3)
		if id := w.member(ext, 0, 6); id != 0 {
			w.member(ext, 7, 4)
		}
		w.touches(ext, map[bool]int{true: 15, false: w.rng.IntN(4)}[i < 3])
	}
	return w
}

func (w *planWorld) exec(q string, args ...any) int64 {
	res, err := w.d.SQL().Exec(q, args...)
	require.NoError(w.t, err, q)
	id, _ := res.LastInsertId()
	return id
}

func (w *planWorld) days(n int) time.Time { return w.now.Add(-time.Duration(n) * 24 * time.Hour) }

// follows adds one or two guides' relations, some deleted, and their tags.
func (w *planWorld) follows(ext string, standing bool) {
	for _, g := range w.rng.Perm(3)[:1+w.rng.IntN(2)] {
		var deleted any
		if !standing && w.rng.IntN(6) == 0 {
			deleted = w.now
		}
		userid := fmt.Sprint("g", g+1)
		w.exec("INSERT INTO follows (corp_id, userid, external_userid, add_time, state, deleted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			w.corp, userid, ext, w.days(w.rng.IntN(100)), fmt.Sprint("s", w.rng.IntN(2)), deleted, w.now, w.now)
		for _, tag := range w.rng.Perm(4)[:w.rng.IntN(3)] {
			w.exec("INSERT INTO follow_tags (corp_id, userid, external_userid, tag_id) VALUES (?, ?, ?, ?)", w.corp, userid, ext, fmt.Sprint("t", tag+1))
		}
	}
}

// owner gives ext an owner in scope, in tenths of the customers.
func (w *planWorld) owner(ext string, scope int64, tenths int) {
	if w.rng.IntN(10) >= tenths {
		return
	}
	status := map[bool]string{true: "pool", false: "assigned"}[w.rng.IntN(10) == 0]
	w.exec("INSERT INTO customer_owners (corp_id, scope, external_userid, userid, store_id, status, assigned_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		w.corp, scope, ext, fmt.Sprint("g", 1+w.rng.IntN(3)), w.stores[w.rng.IntN(2)], status, w.now, w.now)
}

// member makes ext a member in scope, in tenths of the customers, most
// with an RFM row; it returns the member's id (0: none).
func (w *planWorld) member(ext string, scope int64, tenths int) int64 {
	if w.rng.IntN(10) >= tenths {
		return 0
	}
	status := map[bool]string{true: "merged", false: "active"}[w.rng.IntN(10) == 0]
	id := w.exec("INSERT INTO members (corp_id, scope, member_no, tier, home_store_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		w.corp, scope, fmt.Sprint(ext, "-", scope), []string{"金卡", "银卡"}[w.rng.IntN(2)], w.stores[w.rng.IntN(2)], status, w.now, w.now)
	w.exec("INSERT INTO member_identities (corp_id, scope, member_id, kind, value, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		w.corp, scope, id, "external_userid", ext, w.now)
	if w.rng.IntN(10) > 0 {
		w.exec("INSERT INTO member_rfm (corp_id, member_id, scope, recency_days, frequency, monetary_cents, class, stage, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			w.corp, id, scope, 1, 1, 100, []string{"value", "new", "lost"}[w.rng.IntN(3)],
			[]string{"intro", "growth", "mature", "dormant", "churned"}[w.rng.IntN(5)], w.now)
	}
	return id
}

// touches records n share-link opens of ext in the last 40 days.
func (w *planWorld) touches(ext string, n int) {
	for j := range n {
		w.exec("INSERT INTO touches (corp_id, kind, source_id, external_userid, at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			w.corp, "share_click", fmt.Sprint(ext, ":", j), ext, w.days(w.rng.IntN(40)), w.now)
	}
}
