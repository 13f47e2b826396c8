package seed_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/dashboard"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// graph is the composition root's graph (the dashboards' page models,
// and the uplift measured nightly), with Redis of the kind that goes with
// d (embedded beside SQLite, the real server beside MariaDB).
func graph(t *testing.T, d *db.DB) *root.Graph {
	mode := config.RedisEmbedded
	if d.Dialect() == config.DriverMySQL {
		mode = config.RedisStandalone
	}
	g := root.New(d, testkit.OpenRedis(t, testkit.RedisConfig(t, mode)), root.Options{Log: testkit.Logger(t), Box: testkit.Box(t), Auth: auth.Options{}})
	t.Cleanup(func() { g.Close() })
	return g
}

// checkPages holds every figure of the page models — 总览's KPIs and the
// tables of 导购排行, 门店对比 (stores, and brands for the corp), 渠道效果
// and 执行, each row and the total — for the corp and for one store (a
// store manager's view), over every day and over the last third of them
// (a period the running totals answer by subtraction), against the
// expected rows.
func checkPages(t *testing.T, dash *dashboard.Service, x *expect, s seeded, store int64) {
	for _, p := range periodsOf(s) {
		checkPagesIn(t, dash, x, s, store, p)
	}
}

func checkPagesIn(t *testing.T, dash *dashboard.Service, x *expect, s seeded, store int64, p dashboard.Period) {
	ctx := context.Background()
	for _, sc := range []dashboard.Scope{{CorpID: s.corp.ID}, {CorpID: s.corp.ID, StoreID: store}} {
		ov, err := dash.Overview(ctx, sc, p)
		require.NoError(t, err)
		whole := x.total(app.StatCorp, 0, p)[""]
		if sc.StoreID != 0 {
			whole = x.total(app.StatStore, store, p)[id(store)]
		}
		require.NotEmpty(t, ov.KPIs)
		for _, k := range ov.KPIs {
			sameCell(t, "总览 "+k.Key, k.Key, whole, k.Now)
		}
		rank := func(name string, page *dashboard.RankPage, err error, want map[string]app.Figures) {
			require.NoError(t, err, name)
			checkTable(t, name, page.Table, want)
		}
		guides := map[string]app.Figures{}
		for k, f := range x.total(app.StatGuide, sc.StoreID, p) {
			guides[k] = f
		}
		page, err := dash.Guides(ctx, sc, p, dashboard.GuideOrder)
		rank("导购排行", page, err, guides)
		page, err = dash.Execution(ctx, sc, p, dashboard.ExecutionOrder)
		rank("执行", page, err, guides)
		page, err = dash.Stores(ctx, sc, p, app.StatStore, dashboard.StoreOrder)
		rank("门店对比", page, err, x.total(app.StatStore, sc.StoreID, p))
		page, err = dash.Channels(ctx, sc, p, dashboard.ChannelOrder)
		rank("渠道效果", page, err, x.total(app.StatChannel, sc.StoreID, p))
		if sc.StoreID == 0 {
			page, err = dash.Stores(ctx, sc, p, app.StatBrand, dashboard.StoreOrder)
			rank("门店对比（品牌）", page, err, x.total(app.StatBrand, 0, p))
		}
	}
}

// total is the expected totals of dim over p (of one store's rows when
// store is set), by the key a page's row has: a guide's userid@store,
// anything else its key. Customers is p's last day's.
func (x *expect) total(dim string, store int64, p dashboard.Period) map[string]app.Figures {
	out := map[string]app.Figures{}
	for k, f := range x.of(dim) {
		if (store != 0 && k.store != store) || k.day < p.From || k.day > p.To {
			continue
		}
		key := k.key
		if dim == app.StatGuide {
			key += "@" + id(k.store)
		}
		w := out[key]
		customers := w.Customers
		w.Add(f)
		w.Customers = customers
		if k.day == p.To {
			w.Customers = f.Customers
		}
		out[key] = w
	}
	return out
}

// checkTable holds each row of t, and its total, against want by key.
func checkTable(t *testing.T, name string, tb dashboard.Table, want map[string]app.Figures) {
	t.Helper()
	assert.Len(t, tb.Rows, len(want), "%s: a row a key", name)
	var sum app.Figures
	for _, f := range want {
		sum.Add(f)
	}
	rows := append([]dashboard.Row(nil), tb.Rows...)
	if tb.Total != nil {
		rows = append(rows, *tb.Total)
	}
	for _, r := range rows {
		f, ok := want[r.Key]
		if r.Key == "" {
			f, ok = sum, true
		}
		if !assert.True(t, ok, "%s: row %s expected", name, r.Key) {
			continue
		}
		for i, c := range tb.Columns {
			sameCell(t, name+" "+r.Key+" "+c.Key, c.Key, f, r.Cells[i])
		}
	}
}

// sameCell holds a page's cell of the figure key against the test's own
// formula over the expected figures f: sums as they are, rates as the
// ratio of sums (no value when nothing was due).
func sameCell(t *testing.T, what, key string, f app.Figures, got dashboard.Cell) {
	t.Helper()
	want, ok := cellOf(key, f)
	if !ok {
		assert.False(t, got.OK, "%s: no value", what)
		return
	}
	if assert.True(t, got.OK, "%s: a value", what) {
		assert.InDelta(t, want, got.V, 1e-9, what)
	}
}

// cellOf is the figure key of f; ok is false for a ratio of nothing.
func cellOf(key string, f app.Figures) (float64, bool) {
	ratio := func(a, b int64) (float64, bool) { return float64(a) / float64(b), b != 0 }
	counts := map[string]int64{"customers": f.Customers, "adds": f.Adds, "ends": f.Ends, "removals": f.Removals,
		"net": f.Adds - f.Ends - f.Removals, "tasks_due": f.TasksDue, "tasks_done": f.TasksDone, "tasks_overdue": f.TasksOverdue,
		"ms_tasks": f.MSTasks, "ms_confirmed": f.MSConfirmed, "ms_planned": f.MSPlanned, "ms_delivered": f.MSDelivered,
		"sop_due": f.SOPDue, "sop_done": f.SOPDone, "orders": f.Orders, "sales": f.SalesCents, "refunds": f.RefundCents,
		"revenue": f.SalesCents - f.RefundCents, "first_orders": f.FirstOrders, "helps": f.Helps, "chats": f.ChatCnt}
	if n, ok := counts[key]; ok {
		return float64(n), true
	}
	switch key {
	case "welcome_rate":
		return ratio(f.WelcomesSent, f.Welcomes)
	case "task_rate":
		r, ok := ratio(f.TasksDue-f.TasksOverdue, f.TasksDue)
		return r, ok
	case "confirm_rate":
		return ratio(f.MSConfirmed, f.MSTasks)
	case "delivery_rate":
		return ratio(f.MSDelivered, f.MSPlanned)
	case "sop_rate":
		return ratio(f.SOPDone, f.SOPDue)
	case "conversion":
		return ratio(f.FirstOrders, f.Adds)
	case "reply_rate":
		r, ok := ratio(f.ReplyPctSum, f.ReplyPctN)
		return r / 10000, ok
	case "reply_minutes":
		r, ok := ratio(f.ReplyTimeSum, f.ReplyTimeN)
		return r / 100, ok
	}
	panic("the test has no formula for the figure " + strconv.Quote(key))
}

// checkCreditsPage holds 业绩归属 under each rule version — the day
// table (store and online net, their sum and the online share, orders)
// and the table by store and team — against the expected daily credits.
func checkCreditsPage(t *testing.T, dash *dashboard.Service, x *expect, s seeded) {
	p := periodOf(s)
	rules := map[int64]bool{}
	for k := range x.credits {
		rules[k.rules] = true
	}
	for r := range rules {
		page, err := dash.Credits(context.Background(), dashboard.Scope{CorpID: s.corp.ID}, p, r)
		require.NoError(t, err)
		days, stores := map[string][]float64{}, map[string][]float64{}
		for k, c := range x.credits {
			if k.rules != r {
				continue
			}
			d := days[k.day]
			if d == nil {
				d = make([]float64, 3)
			}
			d[map[string]int{app.TeamStore: 0, app.TeamOnline: 1}[k.team]] += float64(c.SalesCents - c.RefundCents)
			d[2] += float64(c.Orders)
			days[k.day] = d
			sk := id(k.store) + "@" + k.team
			st := stores[sk]
			if st == nil {
				st = make([]float64, 4)
			}
			st[0], st[1], st[2], st[3] = st[0]+float64(c.SalesCents), st[1]+float64(c.RefundCents), st[2]+float64(c.SalesCents-c.RefundCents),
				st[3]+float64(c.Orders)
			stores[sk] = st
		}
		for _, row := range page.Daily.Rows {
			d := days[row.Key]
			if d == nil {
				d = make([]float64, 3)
			}
			want := []float64{d[0], d[1], d[0] + d[1], 0, d[2]}
			for i, c := range row.Cells {
				if i == 3 {
					if d[0]+d[1] != 0 {
						assert.InDelta(t, d[1]/(d[0]+d[1]), c.V, 1e-9, "业绩归属 %s online share", row.Key)
					}
					continue
				}
				assert.Equal(t, want[i], c.V, "业绩归属 %s %s", row.Key, page.Daily.Columns[i].Key)
			}
		}
		assert.Len(t, page.ByStore.Rows, len(stores), "业绩归属: a row a store and team")
		for _, row := range page.ByStore.Rows {
			for i, c := range row.Cells {
				assert.Equal(t, stores[row.Key][i], c.V, "业绩归属 %s %s", row.Key, page.ByStore.Columns[i].Key)
			}
		}
	}
}

// periodOf is the whole of s's days as a custom period.
func periodOf(s seeded) dashboard.Period {
	return dashboard.Period{From: s.from, To: s.to, Days: len((&dashRig{s: s}).days()), Preset: "custom"}
}

// periodsOf are the whole of s's days, and their last third.
func periodsOf(s seeded) []dashboard.Period {
	days := (&dashRig{s: s}).days()
	last := days[len(days)*2/3:]
	return []dashboard.Period{periodOf(s), {From: last[0], To: s.to, Days: len(last), Preset: "custom"}}
}
