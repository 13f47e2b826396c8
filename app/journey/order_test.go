package journey_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

// The order triggers over a week of hourly ticks in Asia/Shanghai: member
// m1 buys on 1 March at 12:00 and again on 2 March at 23:30 (16:30 UTC,
// still the 2nd in the corp's zone), and refunds the first just after
// midnight; m2 buys once on 2 March at 00:10 (the 1st in UTC). Expected by hand:
// each member's first order a day later at 10:00; "3 days after the last
// order" only for orders still last then (m1's second, m2's only); the
// refund the same day at 20:00.
func TestOrderTriggers(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) { orderTriggers(t, driver) })
	}
}

func orderTriggers(t *testing.T, driver string) {
	w := newWorld(t, driver, time.Time{})
	t0 := w.local(2027, 3, 1, 9, 0)
	w.now = t0
	svc := w.service()
	ids := map[string]int64{}
	for _, in := range []app.Journey{
		{Name: "首单", Trigger: app.JourneyTrigger{Kind: app.TriggerFirstOrder}, Reentry: app.ReentryOccurrence, Steps: []app.JourneyStep{{Days: 1, At: "10:00", Action: app.ActionTask, Content: "首单感谢"}}},
		{Name: "复购", Trigger: app.JourneyTrigger{Kind: app.TriggerLastOrder}, Reentry: app.ReentryOccurrence, Steps: []app.JourneyStep{{Days: 3, At: "10:00", Action: app.ActionTask, Content: "回访"}}},
		{Name: "退款", Trigger: app.JourneyTrigger{Kind: app.TriggerRefund}, Reentry: app.ReentryOccurrence, Steps: []app.JourneyStep{{At: "20:00", Action: app.ActionTask, Content: "退款关怀"}}},
	} {
		j, err := svc.Create(w.ctx, w.corp, "user:1", in)
		require.NoError(t, err)
		ids[in.Name] = j.ID
	}
	members := map[string]int64{}
	for _, ext := range []string{"wm_o1", "wm_o2"} {
		now := t0.UTC()
		w.exec("INSERT INTO customer_owners (corp_id, scope, external_userid, userid, status, assigned_at, updated_at) VALUES (?, 0, ?, 'g1', 'assigned', ?, ?)", w.corp, ext, now, now)
		members[ext] = w.exec("INSERT INTO members (corp_id, scope, name, status, created_at, updated_at) VALUES (?, 0, ?, 'active', ?, ?)", w.corp, ext, now, now)
		w.exec("INSERT INTO member_identities (corp_id, scope, member_id, kind, value, created_at) VALUES (?, 0, ?, 'external_userid', ?, ?)", w.corp, members[ext], ext, now)
	}
	orders := map[string]int64{}
	order := func(no, ext, kind string, at time.Time, cents int) {
		w.at(at, func(id int64) { orders[no] = id }, "INSERT INTO orders (corp_id, scope, source, kind, order_no, member_id, amount_cents, paid_at, content_hash, created_at, updated_at) "+
			"VALUES (?, 0, 'pos', ?, ?, ?, ?, ?, ?, ?, ?)", w.corp, kind, no, members[ext], cents, at.UTC(), fmt.Sprintf("%064d", len(no)), at.UTC(), at.UTC())
	}
	order("A", "wm_o1", app.OrderSale, w.local(2027, 3, 1, 12, 0), 100)
	order("B", "wm_o1", app.OrderSale, w.local(2027, 3, 2, 23, 30), 200)
	order("R", "wm_o1", app.OrderRefund, w.local(2027, 3, 3, 0, 10), -100)
	order("C", "wm_o2", app.OrderSale, w.local(2027, 3, 2, 0, 10), 300)
	for at := t0; at.Before(t0.AddDate(0, 0, 7)); at = at.Add(time.Hour) {
		w.moveTo(at)
		require.NoError(t, svc.Tick(w.ctx, w.corp))
	}
	key := func(j, ext, occ string) string { return fmt.Sprintf("journey:%d:1:%s:%s", ids[j], ext, occ) }
	exp := map[string]want{
		key("首单", "wm_o1", "first"):                 {due: w.local(2027, 3, 2, 10, 0).UTC(), user: "g1"},
		key("首单", "wm_o2", "first"):                 {due: w.local(2027, 3, 3, 10, 0).UTC(), user: "g1"},
		key("复购", "wm_o1", fmt.Sprint(orders["B"])): {due: w.local(2027, 3, 5, 10, 0).UTC(), user: "g1"},
		key("复购", "wm_o2", fmt.Sprint(orders["C"])): {due: w.local(2027, 3, 5, 10, 0).UTC(), user: "g1"},
		key("退款", "wm_o1", fmt.Sprint(orders["R"])): {due: w.local(2027, 3, 3, 20, 0).UTC(), user: "g1"},
	}
	got := map[string]want{}
	for _, name := range []string{"首单", "复购", "退款"} {
		fs, _, err := svc.Fires(w.ctx, w.corp, ids[name], "", app.Page{Limit: 100})
		require.NoError(t, err)
		for _, f := range fs {
			assert.Equal(t, app.FireDone, f.Status)
			got[f.Key()] = want{due: f.DueAt.UTC(), user: f.UserID}
		}
	}
	diff(t, "order fires", exp, got)
}
