package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// guideNames are the chain's guides by userid, as the pages name them.
var guideNames = map[string]string{"g1": "李导购", "g2": "赵导购", "m1": "王店长"}

// 导购排行, 门店对比, 执行 and 渠道效果: each row's figures are what SQL
// of the test's own sums for its key over the period, rates dividing the
// sums; rows ranked by the column asked; a store manager's rows are their
// store's; every table exports, audited.
func dashRankingChecks(t *testing.T, w *dashWorld) {
	d := w.d
	alice, m1 := w.signIn(t, "alice"), w.signIn(t, "m1")
	from, to := w.days[6], w.days[0]
	byGuide := map[string]map[string]int64{}
	for u, name := range guideNames {
		byGuide[name] = w.sums(t, from, to, "dim = 'guide' AND dim_key = ?", u)
	}

	page := alice.get(t, "/console/dash/guides?period=7", http.StatusOK)
	revenue, adds := column(t, page, "guides", "业绩净额"), column(t, page, "guides", "添加")
	for name, s := range byGuide {
		assert.Equal(t, yuan(s["sales_cents"]-s["refund_cents"]), revenue[name], name)
		assert.Equal(t, fmt.Sprint(s["adds"]), adds[name], name)
	}
	var customers int64
	require.NoError(t, d.SQL().QueryRow("SELECT customers FROM daily_stats WHERE corp_id = ? AND dim = 'guide' AND dim_key = 'g2' AND day = ?",
		w.corp.ID, w.days[0]).Scan(&customers))
	assert.Equal(t, fmt.Sprint(customers), column(t, page, "guides", "客户数")["赵导购"], "customers: the last day's, not a sum")
	assert.Equal(t, ranked(byGuide, func(s map[string]int64) int64 { return s["sales_cents"] - s["refund_cents"] }, true), firstCells(t, page, "guides"),
		"most revenue first by default")
	assert.Contains(t, page, `id="chart-guides-data"`)
	asc := alice.get(t, "/console/dash/guides?period=7&sort=adds&dir=asc", http.StatusOK)
	assert.Equal(t, ranked(byGuide, func(s map[string]int64) int64 { return s["adds"] }, false), firstCells(t, asc, "guides"))
	assert.Contains(t, asc, "添加 ↑")
	assert.Contains(t, alice.get(t, "/console/dash/guides?sort=nonsense", http.StatusOK), "不能按该列排序")
	mine := m1.get(t, "/console/dash/guides?period=7", http.StatusOK)
	assert.ElementsMatch(t, []string{"李导购", "王店长"}, firstCells(t, mine, "guides"), "their store's guides")

	t.Run("Execution", func(t *testing.T) {
		page := alice.get(t, "/console/dash/execution?period=7", http.StatusOK)
		confirm, sop := column(t, page, "execution", "群发确认率"), column(t, page, "execution", "SOP 完成率（自报）")
		for name, s := range byGuide {
			assert.Equal(t, pct(s["ms_confirmed"], s["ms_tasks"]), confirm[name], name)
			assert.Equal(t, pct(s["sop_done"], s["sop_due"]), sop[name], name)
		}
		assert.Contains(t, page, "SOP 完成为群主自报（自报），未经核实")
	})
	t.Run("Stores", func(t *testing.T) {
		page := alice.get(t, "/console/dash/stores?period=7", http.StatusOK)
		revenue, net := column(t, page, "stores", "业绩净额"), column(t, page, "stores", "净增")
		for name, id := range w.stores {
			s := w.sums(t, from, to, "dim = 'store' AND store_id = ?", id)
			assert.Equal(t, yuan(s["sales_cents"]-s["refund_cents"]), revenue[name], name)
			assert.Equal(t, fmt.Sprint(s["adds"]-s["ends"]-s["removals"]), net[name], name)
		}
		assert.Equal(t, []string{"徐汇店"}, firstCells(t, m1.get(t, "/console/dash/stores?period=7", http.StatusOK), "stores"))
		assert.Contains(t, m1.get(t, "/console/dash/stores?by=brand", http.StatusOK), "对比维度应为门店或品牌", "a store manager compares no brands")
		assert.Contains(t, alice.get(t, "/console/dash/stores?by=brand", http.StatusOK), `<th>品牌</th>`)
	})
	t.Run("Channels", func(t *testing.T) {
		page := alice.get(t, "/console/dash/channels?period=7", http.StatusOK)
		conversion, sales := column(t, page, "channels", "首单转化率"), column(t, page, "channels", "销售额")
		for name, id := range w.channels {
			s := w.sums(t, from, to, "dim = 'channel' AND dim_key = ?", itoa(id))
			assert.Equal(t, pct(s["first_orders"], s["adds"]), conversion[name+"门口活码"], name)
			assert.Equal(t, yuan(s["sales_cents"]), sales[name+"门口活码"], name)
		}
		assert.Equal(t, []string{"徐汇店门口活码"}, firstCells(t, m1.get(t, "/console/dash/channels?period=7", http.StatusOK), "channels"))
	})
	t.Run("Export", func(t *testing.T) {
		lines := csvLines(alice.get(t, "/console/dash/guides/export?period=7&table=guides&page=2", http.StatusOK))
		require.Len(t, lines, 5, "every guide and the total, whatever the page")
		assert.True(t, strings.HasPrefix(lines[0], "导购,门店,客户数,添加,流失,净增,欢迎语成功率（%）"), lines[0])
		head := strings.Split(lines[0], ",")
		i := slices.Index(head, "业绩净额（元）")
		require.GreaterOrEqual(t, i, 0)
		for _, l := range lines[1:] {
			cells := strings.Split(l, ",")
			if s, ok := byGuide[cells[0]]; ok {
				net := s["sales_cents"] - s["refund_cents"]
				assert.Equal(t, fmt.Sprintf("%d.%02d", net/100, net%100), cells[i], "money in plain yuan: %s", cells[0])
			}
		}
		assert.True(t, strings.HasPrefix(lines[4], "合计,"), "the total last")
		es, err := db.NewAuditStore(d).ListAudit(context.Background(), app.AuditFilter{CorpID: w.corp.ID, Action: "export.dashboard.guides"})
		require.NoError(t, err)
		require.Len(t, es, 1, "the export is audited")
		assert.Contains(t, es[0].Detail, "period=7")
		assert.True(t, strings.HasPrefix(alice.get(t, "/console/dash/guides/export?period=7&format=xlsx", http.StatusOK), "PK"), "an Excel workbook")
		assert.Len(t, csvLines(m1.get(t, "/console/dash/guides/export?period=7", http.StatusOK)), 4, "a store manager's: their store's")
		alice.get(t, "/console/dash/guides/export?table=nonsense", http.StatusNotFound)
		alice.get(t, "/console/dash/guides/export?from=五月", http.StatusBadRequest)
	})
}

// ranked are the guides' names ordered by the figure of, as the page
// should rank them.
func ranked(by map[string]map[string]int64, of func(map[string]int64) int64, desc bool) []string {
	var names []string
	for n := range by {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		x, y := of(by[a]), of(by[b])
		if x == y {
			return strings.Compare(a, b)
		}
		if (x < y) != desc {
			return -1
		}
		return 1
	})
	return names
}

// firstCells are the first cells of a table's rows, in order.
func firstCells(t *testing.T, page, key string) []string {
	var out []string
	for _, r := range dashRows(t, page, key) {
		out = append(out, r[0])
	}
	return out
}
