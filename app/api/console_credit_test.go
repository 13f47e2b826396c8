package api_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// saveRules saves the form as olga and carries its recompute through.
func (c *chain) saveRules(t *testing.T, s *pageSession, changes map[string]string) string {
	t.Helper()
	w := s.post(t, "/console/attribution", rulesForm(changes))
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	m := regexp.MustCompile(`/console/attribution/runs/(\d+)`).FindStringSubmatch(s.get(t, "/console/attribution", http.StatusOK))
	require.NotNil(t, m)
	require.NoError(t, c.g.Attribution.Run(context.Background(), c.corp.ID, atoi(t, m[1])))
	return m[1]
}

// 业绩报表: credit of a period by store, guide and team, refunds netted,
// under the current version or an earlier one; sorted, checked beside
// its fields, exported (audited, formulas defused); a store manager sees
// their store's credit only.
func TestConsoleAttributionReport(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		ctx := c.as("alice")
		evil := &app.Store{CorpID: c.corp.ID, Code: "EV", Name: "=HYPERLINK(1)"}
		require.NoError(t, c.g.Org.CreateStore(ctx, evil))
		olga := c.signIn(t, "olga")
		assert.Contains(t, olga.get(t, "/console/attribution/report", http.StatusOK), `id="credit-empty"`, "no version yet")
		file := creditOrdersFile + "门店,销售,S4,,EV,,1.00,2024-05-04 11:00\n"
		require.Equal(t, http.StatusOK, olga.postFile(t, "/console/orders/import", "订单.csv", file).Code)
		c.saveRules(t, olga, map[string]string{"cross_store": ""})
		c.saveRules(t, olga, nil)
		may := "/console/attribution/report?from=2024-05-01&to=2024-05-31"

		page := olga.get(t, may, http.StatusOK)
		assert.Equal(t, map[string]string{"徐汇店": "¥164.50", "静安店": "¥20.00", "=HYPERLINK(1)": "¥1.00"}, creditRows(page), "version 2, the current")
		assert.Contains(t, page, `<script type="application/json" id="credit-chart-data">{"names":["徐汇店","静安店","=HYPERLINK(1)"],"net":[164.5,20,1]}</script>`)
		assert.Regexp(t, `id="credit-total"><th>合计（共 3 项）</th><th class="num">¥215.50</th><th class="num">-¥30.00</th><th class="num">¥185.50</th>`, page)
		assert.Contains(t, page, `data-nav="credit"`)
		v1 := regexp.MustCompile(`<option value="(\d+)">第 1 版</option>`).FindStringSubmatch(page)
		require.NotNil(t, v1)
		assert.Equal(t, map[string]string{"徐汇店": "¥98.00", "静安店": "¥86.50", "=HYPERLINK(1)": "¥1.00"}, creditRows(olga.get(t, may+"&rules_id="+v1[1], http.StatusOK)),
			"an earlier version's credit stays readable")
		assert.Equal(t, map[string]string{"李导购": "¥164.50", "（不归导购，只归门店）": "¥21.00"}, creditRows(olga.get(t, may+"&by=guide", http.StatusOK)))
		assert.Equal(t, map[string]string{"门店": "¥185.50"}, creditRows(olga.get(t, may+"&by=team", http.StatusOK)))
		asc := olga.get(t, may+"&sort=net&dir=asc", http.StatusOK)
		assert.Less(t, strings.Index(asc, ">=HYPERLINK(1)<"), strings.Index(asc, ">徐汇店<"), "smallest first")
		assert.Contains(t, asc, "净额 ↑")
		assert.Contains(t, olga.get(t, "/console/attribution/report?from=2024-06-01&to=2024-06-30", http.StatusOK), `id="credit-none"`)

		t.Run("ErrInvalid", func(t *testing.T) {
			page := olga.get(t, "/console/attribution/report?from=五月&to=2024-05-31&by=region&rules_id=999999", http.StatusOK)
			assert.Regexp(t, `id="from"[^>]*><div class="err">开始日期应为 YYYY-MM-DD`, page)
			assert.Contains(t, page, "汇总方式应为门店、导购或团队")
			assert.Contains(t, page, "规则版本不存在")
			assert.NotContains(t, page, `id="credit"`, "no report under a refused filter")
			olga.get(t, "/console/attribution/report/export?by=region", http.StatusBadRequest)
		})
		t.Run("Export", func(t *testing.T) {
			lines := csvLines(olga.get(t, "/console/attribution/report/export?from=2024-05-01&to=2024-05-31&rules_id="+v1[1]+"&page=3", http.StatusOK))
			assert.Equal(t, []string{"门店,销售额（元）,退款（元）,净额（元）,销售订单数,退款单数", "徐汇店,128.00,-30.00,98.00,1,1",
				"静安店,86.50,0.00,86.50,2,0", "'=HYPERLINK(1),1.00,0.00,1.00,1,0"}, lines, "every row whatever the page; a formula defused")
			es, err := db.NewAuditStore(d).ListAudit(context.Background(), app.AuditFilter{CorpID: c.corp.ID, Action: "export.attribution"})
			require.NoError(t, err)
			require.Len(t, es, 1, "the export is audited")
			assert.Contains(t, es[0].Detail, "rules_id="+v1[1])
			req := olga.get(t, "/console/attribution/report/export?from=2024-05-01&to=2024-05-31&format=xlsx", http.StatusOK)
			assert.True(t, strings.HasPrefix(req, "PK"), "an Excel workbook")
		})
		t.Run("StoreManager", func(t *testing.T) {
			m1 := c.signIn(t, "m1")
			page := m1.get(t, may, http.StatusOK)
			assert.Equal(t, map[string]string{"徐汇店": "¥164.50"}, creditRows(page), "their store only")
			assert.Contains(t, page, "店长只能查看本门店（徐汇店）的业绩")
			assert.Equal(t, map[string]string{"李导购": "¥164.50"}, creditRows(m1.get(t, may+"&by=guide", http.StatusOK)))
			lines := csvLines(m1.get(t, "/console/attribution/report/export?from=2024-05-01&to=2024-05-31&by=team", http.StatusOK))
			assert.Equal(t, []string{"团队（门店 / 线上）,销售额（元）,退款（元）,净额（元）,销售订单数,退款单数", "门店,194.50,-30.00,164.50,2,1"}, lines)

			// The JSON API limits them the same way.
			in, err := c.g.Auth.Login(context.Background(), c.corp.ID, "m1", consolePassword)
			require.NoError(t, err)
			bearer := []string{"Authorization", "Bearer " + in.Token}
			api := "/api/v1/corps/" + c.corp.CorpID + "/attribution/report?from=2024-05-01&to=2024-05-31"
			w := send(c.h, "GET", api+"&by=guide", "", bearer...)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			items := decode[struct{ Items []app.CreditTotal }](t, w).Items
			require.Len(t, items, 1)
			assert.Equal(t, int64(16450), items[0].AmountCents, "their store's guide, their store's credit")
			assert.Equal(t, http.StatusForbidden, send(c.h, "GET", api+"&model=linear", "", bearer...).Code)
		})
		t.Run("Analyst", func(t *testing.T) {
			ann := c.signIn(t, "ann")
			assert.Len(t, creditRows(ann.get(t, may, http.StatusOK)), 3)
			assert.Len(t, csvLines(ann.get(t, "/console/attribution/report/export?from=2024-05-01&to=2024-05-31", http.StatusOK)), 4)
		})
	})
}

// creditRows reads the report's rows as name → net.
func creditRows(page string) map[string]string {
	out := map[string]string{}
	re := regexp.MustCompile(`<td class="credit-name">([^<]+)</td>(?:<td class="num[^"]*">[^<]*</td>){2}<td class="num credit-net[^"]*">([^<]+)</td>`)
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// csvLines splits an export into its lines, the BOM dropped.
func csvLines(body string) []string {
	return strings.Split(strings.TrimSpace(strings.TrimPrefix(body, "\ufeff")), "\n")
}
