package api_test

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// dashWorld is the chain with 14 days of aggregates up to today (and a
// day long before), as app/stats would have written them: guides, their
// stores, the corp and a channel of each store.
type dashWorld struct {
	*chain
	days     []string // days[k] is k days before today, in the corp's zone
	channels map[string]int64
}

// dashFigures are a guide's figures of a day: each field its own pattern,
// so a figure read into the wrong column shows.
func dashFigures(k, g int) app.Figures {
	n := int64(k*7 + g*3)
	return app.Figures{Adds: n%9 + 1, Ends: n % 3, Removals: n % 2, Welcomes: n%9 + 2, WelcomesSent: n%9 + 1, TasksDue: n%4 + 2,
		TasksDone: n%4 + 1, TasksOverdue: n % 2, MSTasks: n%3 + 2, MSConfirmed: n%3 + 1, MSPlanned: 10 + n%5, MSDelivered: 9 + n%4,
		SOPDue: n%5 + 2, SOPDone: n%4 + 1, Orders: n%4 + 1, SalesCents: 10000 + 137*n, RefundCents: 100 * (n % 3), FirstOrders: n % 3,
		Helps: n % 5, ChatCnt: 20 + n, MessageCnt: 100 + n, ReplyPctSum: 8000 + 100*(n%10), ReplyPctN: 1, ReplyTimeSum: 150 + n,
		ReplyTimeN: 1, Customers: 50 + int64(10*g) - int64(k)}
}

func newDashWorld(t *testing.T, d *db.DB) *dashWorld {
	w := &dashWorld{chain: newChain(t, d), channels: map[string]int64{}}
	today := time.Now().In(app.ZoneNamed(w.corp.Timezone))
	for k := range 14 {
		w.days = append(w.days, today.AddDate(0, 0, -k).Format(time.DateOnly))
	}
	for _, name := range []string{"徐汇店", "静安店"} {
		_, err := d.SQL().Exec("INSERT INTO channels (corp_id, state, name, kind, store_id, created_at, updated_at) VALUES (?, ?, ?, 'store', ?, ?, ?)",
			w.corp.ID, "ch-"+itoa(w.stores[name]), name+"门口活码", w.stores[name], time.Now().UTC(), time.Now().UTC())
		require.NoError(t, err)
		var id int64
		require.NoError(t, d.SQL().QueryRow("SELECT id FROM channels WHERE corp_id = ? AND name = ?", w.corp.ID, name+"门口活码").Scan(&id))
		w.channels[name] = id
	}
	guides := []struct {
		userid, store string
	}{{"g1", "徐汇店"}, {"g2", "静安店"}, {"m1", "徐汇店"}}
	var rows []app.DailyStat
	for k, day := range append(w.days, today.AddDate(0, 0, -40).Format(time.DateOnly)) {
		var corp app.Figures
		stores := map[string]*app.Figures{"徐汇店": {}, "静安店": {}}
		for g, gd := range guides {
			f := dashFigures(k, g)
			rows = append(rows, app.DailyStat{CorpID: w.corp.ID, Day: day, Dim: app.StatGuide, Key: gd.userid, StoreID: w.stores[gd.store], Figures: f})
			stores[gd.store].Add(f)
			corp.Add(f)
		}
		corp.Adds++ // an add through no store: the corp's only
		rows = append(rows, app.DailyStat{CorpID: w.corp.ID, Day: day, Dim: app.StatCorp, Figures: corp})
		for name, f := range stores {
			id := w.stores[name]
			rows = append(rows, app.DailyStat{CorpID: w.corp.ID, Day: day, Dim: app.StatStore, Key: itoa(id), StoreID: id, Figures: *f},
				app.DailyStat{CorpID: w.corp.ID, Day: day, Dim: app.StatChannel, Key: itoa(w.channels[name]), StoreID: id,
					Figures: app.Figures{Adds: f.Adds, Welcomes: f.Welcomes, WelcomesSent: f.WelcomesSent, FirstOrders: f.FirstOrders,
						Orders: f.Orders, SalesCents: f.SalesCents + 1, RefundCents: f.RefundCents}})
		}
	}
	testkit.InsertDailyStats(t, d, rows...)
	return w
}

// sums reads columns of daily_stats summed over the days [from, to] of
// rows matching where, with SQL of the test's own.
func (w *dashWorld) sums(t *testing.T, from, to, where string, args ...any) map[string]int64 {
	cols := []string{"adds", "ends", "removals", "welcomes", "welcomes_sent", "tasks_due", "tasks_overdue", "ms_tasks", "ms_confirmed",
		"ms_planned", "ms_delivered", "sop_due", "sop_done", "orders", "sales_cents", "refund_cents", "first_orders", "helps",
		"reply_pct_sum", "reply_pct_n"}
	sel := make([]string, len(cols))
	for i, c := range cols {
		sel[i] = "COALESCE(SUM(" + c + "), 0)"
	}
	vals := make([]int64, len(cols))
	dst := make([]any, len(cols))
	for i := range vals {
		dst[i] = &vals[i]
	}
	q := "SELECT " + strings.Join(sel, ", ") + " FROM daily_stats WHERE corp_id = ? AND day >= ? AND day <= ? AND " + where
	require.NoError(t, w.d.SQL().QueryRow(q, append([]any{w.corp.ID, from, to}, args...)...).Scan(dst...))
	out := map[string]int64{}
	for i, c := range cols {
		out[c] = vals[i]
	}
	return out
}

// pct and yuan show figures as the test expects the pages to.
func pct(num, den int64) string { return fmt.Sprintf("%.1f%%", 100*float64(num)/float64(den)) }

func yuan(cents int64) string {
	s := fmt.Sprintf("%d", cents/100)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return fmt.Sprintf("¥%s.%02d", s, cents%100)
}

// kpi reads a headline figure of 总览: its value and change.
func kpi(t *testing.T, page, key string) (string, string) {
	m := regexp.MustCompile(`id="kpi-` + key + `"><div class="l">[^<]*</div><div class="n">([^<]*)</div><div class="muted">前期 <span class="prev">[^<]*</span> · 环比 <span class="change[^"]*">([^<]*)</span>`).FindStringSubmatch(page)
	require.NotNil(t, m, key)
	return html.UnescapeString(m[1]), html.UnescapeString(m[2])
}

// dashRows reads a dashboard table's body rows, cell by cell.
func dashRows(t *testing.T, page, key string) [][]string {
	m := regexp.MustCompile(`(?s)<table id="table-` + key + `">.*?<tbody>(.*?)</tbody>`).FindStringSubmatch(page)
	require.NotNil(t, m, "table %s", key)
	var out [][]string
	for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(m[1], -1) {
		var row []string
		for _, td := range regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`).FindAllStringSubmatch(tr[1], -1) {
			row = append(row, html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(td[1], "")))
		}
		out = append(out, row)
	}
	return out
}

// column is the cells of a table's rows under heading head.
func column(t *testing.T, page, key, head string) map[string]string {
	m := regexp.MustCompile(`(?s)<table id="table-` + key + `">\s*<thead><tr>(.*?)</tr>`).FindStringSubmatch(page)
	require.NotNil(t, m)
	heads := regexp.MustCompile(`<th[^>]*>(?:<a[^>]*>)?([^<]*)`).FindAllStringSubmatch(m[1], -1)
	i := -1
	for j, h := range heads {
		if strings.TrimRight(strings.TrimSpace(h[1]), " ↑↓") == head {
			i = j
		}
	}
	require.GreaterOrEqual(t, i, 0, "no column %s in %s", head, key)
	out := map[string]string{}
	for _, r := range dashRows(t, page, key) {
		out[r[0]] = r[i]
	}
	return out
}

// The dashboards (看板) on one chain with 14 days of aggregates, on both
// databases: each page's figures against SQL of the test's own, a store
// manager's their store's, every table exported and audited.
func TestConsoleDashboards(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		w := newDashWorld(t, d)
		t.Run("Overview", func(t *testing.T) { dashOverviewChecks(t, w) })
		t.Run("Rankings", func(t *testing.T) { dashRankingChecks(t, w) })
		t.Run("CreditsAssetsReferrals", func(t *testing.T) { dashCreditAssetReferralChecks(t, w) })
		t.Run("UpliftAndEveryPage", func(t *testing.T) { dashUpliftAndEveryPageChecks(t, w) })
		t.Run("ComputedData", func(t *testing.T) { dashComputedChecks(t, w) })
	})
}

// 总览: every headline figure of the last 7 days is what SQL of the test's
// own sums from the rows, and its change against the 7 days before; a
// store manager's are their store's row's; a bad period is refused
// beside its field.
func dashOverviewChecks(t *testing.T, w *dashWorld) {
	alice := w.signIn(t, "alice")
	page := alice.get(t, "/console/dash/overview?period=7", http.StatusOK)
	assert.Contains(t, page, `<div class="menu-group">看板</div>`)
	alice.get(t, "/console/dash?period=7", http.StatusFound) // 总览's short address
	now := w.sums(t, w.days[6], w.days[0], "dim = 'corp'")
	prev := w.sums(t, w.days[13], w.days[7], "dim = 'corp'")
	for key, want := range map[string]string{"adds": fmt.Sprint(now["adds"]), "ends": fmt.Sprint(now["ends"]),
		"net": fmt.Sprint(now["adds"] - now["ends"] - now["removals"]), "welcome_rate": pct(now["welcomes_sent"], now["welcomes"]),
		"task_rate": pct(now["tasks_due"]-now["tasks_overdue"], now["tasks_due"]), "confirm_rate": pct(now["ms_confirmed"], now["ms_tasks"]),
		"delivery_rate": pct(now["ms_delivered"], now["ms_planned"]), "orders": fmt.Sprint(now["orders"]),
		"revenue": yuan(now["sales_cents"] - now["refund_cents"]), "helps": fmt.Sprint(now["helps"]),
		"reply_rate": fmt.Sprintf("%.1f%%", float64(now["reply_pct_sum"])/float64(now["reply_pct_n"])/100)} {
		got, _ := kpi(t, page, key)
		assert.Equal(t, want, got, key)
	}
	_, change := kpi(t, page, "adds")
	assert.Equal(t, fmt.Sprintf("%+.1f%%", 100*float64(now["adds"]-prev["adds"])/float64(prev["adds"])), change)
	_, change = kpi(t, page, "welcome_rate")
	points := 100 * (float64(now["welcomes_sent"])/float64(now["welcomes"]) - float64(prev["welcomes_sent"])/float64(prev["welcomes"]))
	assert.Equal(t, fmt.Sprintf("%+.1f 个百分点", points), change)
	assert.Contains(t, page, `<script type="application/json" id="chart-trend-data">`)
	assert.Len(t, dashRows(t, page, "daily"), 7, "a row a day")
	assert.Equal(t, fmt.Sprint(w.sums(t, w.days[3], w.days[3], "dim = 'corp'")["adds"]), column(t, page, "daily", "添加")[w.days[3]])

	t.Run("StoreManager", func(t *testing.T) {
		page := w.signIn(t, "m1").get(t, "/console/dash/overview?period=7", http.StatusOK)
		mine := w.sums(t, w.days[6], w.days[0], "dim = 'store' AND store_id = ?", w.stores["徐汇店"])
		got, _ := kpi(t, page, "adds")
		assert.Equal(t, fmt.Sprint(mine["adds"]), got, "their store's row")
		assert.Contains(t, page, "店长只能查看本门店（徐汇店）的数据")
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		page := alice.get(t, "/console/dash/overview?from=2024-05-31&to=2024-05-01", http.StatusOK)
		assert.Contains(t, page, "结束日期不能早于开始日期")
		assert.Contains(t, page, `id="dash-invalid"`)
		assert.Contains(t, alice.get(t, "/console/dash/overview?period=365", http.StatusOK), "时段应为近 7 天、近 30 天、近 90 天或自定义")
	})
	t.Run("Empty", func(t *testing.T) {
		page := alice.get(t, "/console/dash/overview?from=2020-01-01&to=2020-01-31", http.StatusOK)
		assert.Contains(t, page, `id="dash-empty"`)
	})
}
