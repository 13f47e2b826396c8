package api_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// ordersFile is an order import: S1 (two lines, member VIP01) paid just
// after midnight in Shanghai, so on 30 April in UTC; S2 at 静安店; R1
// refunding part of S1; and S3, refused for its negative amount.
const ordersFile = "来源,类型,订单号,原订单号,门店编码,会员号,金额,支付时间,商品编码,商品名称,数量,单价\n" +
	"门店,销售,S1,,XH,VIP01,128.00,2024-05-01 00:30,B01,全麦吐司,2,40.00\n" +
	"门店,销售,S1,,XH,VIP01,128.00,2024-05-01 00:30,C01,拿铁,1,48.00\n" +
	"小程序商城,销售,S2,,JA,,66.50,2024-05-02 12:00,B02,可颂,1,66.50\n" +
	"门店,退款,R1,S1,XH,VIP01,-30.00,2024-05-03 10:00,B01,全麦吐司,1,30.00\n" +
	"门店,销售,S3,,XH,,-5,2024-05-03 11:00,B01,全麦吐司,1,5\n"

// The 订单 pages: an operator imports a file with one bad row and reads
// the report on the page (and as a CSV); the list names sources, stores
// and members, shows yuan and times in the corp's zone, and filters by
// store, kind, source, member number and paid days (refusals next to
// their fields); an order's page has its lines and refunds, a refund's
// its sale; the export is audited, an analyst's with names masked; the
// analyst cannot import, the store manager sees their store's orders
// only, and a form without its CSRF token is refused.
func TestConsoleOrderPages(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		ctx := app.WithActor(context.Background(), "cli:test")
		_, err := c.g.Member.Upsert(ctx, c.corp.ID, member.Input{MemberNo: "VIP01", Name: "张三"})
		require.NoError(t, err)
		olga := c.signIn(t, "olga")
		assert.Contains(t, olga.get(t, "/console/orders", http.StatusOK), "还没有订单")
		assert.Contains(t, olga.get(t, "/console/", http.StatusOK), `data-nav="orders"`, "in the menu")

		w := olga.postFile(t, "/console/orders/import", "订单.csv", ordersFile)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		page := w.Body.String()
		assert.Contains(t, page, "共 5 行：新增 4，更新 0，未变 0，拒绝 1")
		assert.Regexp(t, `<tr><td>6</td><td>金额</td><td>金额不能为负数`, page, "the bad row by its spreadsheet row, next to its column")
		assert.Contains(t, page, `href="data:text/csv;charset=utf-8;base64,`, "the report downloads from the page")

		list := olga.get(t, "/console/orders", http.StatusOK)
		ids := orderIDs(list)
		require.Len(t, ids, 3)
		for _, want := range []string{"门店收银", "小程序商城", "徐汇店", "静安店", "¥128.00", "-¥30.00", "¥66.50", "2024-05-01 00:30",
			`<a href="/console/members/`, "VIP01 · 张三"} {
			assert.Contains(t, list, want)
		}
		t.Run("Filters", func(t *testing.T) {
			for q, want := range map[string][]string{
				"kind=refund": {"R1"}, "store=" + itoa(c.stores["静安店"]): {"S2"}, "source=mall": {"S2"}, "member_no=VIP01": {"S1", "R1"},
				"paid_from=2024-05-01&paid_to=2024-05-01": {"S1"}, "paid_to=2024-04-30": nil,
			} {
				got := orderNumbers(olga.get(t, "/console/orders?"+q, http.StatusOK))
				assert.ElementsMatch(t, want, got, q)
			}
			page := olga.get(t, "/console/orders?paid_from=5月1日&source=nope", http.StatusOK)
			assert.Contains(t, page, "日期格式应为 2026-01-31")
			page = olga.get(t, "/console/orders?source=nope", http.StatusOK)
			assert.Regexp(t, `id="filter-source">.*</select><div class="err">来源应为`, page, "the service's refusal next to its field")
			assert.Contains(t, olga.get(t, "/console/orders?member_no=NOBODY", http.StatusOK), "没有符合条件的订单")
		})
		t.Run("Detail", func(t *testing.T) {
			sale := olga.get(t, "/console/orders/"+ids["S1"], http.StatusOK)
			for _, want := range []string{"全麦吐司", "拿铁", "¥40.00", "¥80.00", "¥48.00", "已退款 <span class=\"bad\">-¥30.00</span>", "实收 <strong>¥98.00</strong>",
				`href="/console/orders/` + ids["R1"] + `"`, "徐汇店", "VIP01 · 张三"} {
				assert.Contains(t, sale, want)
			}
			refund := olga.get(t, "/console/orders/"+ids["R1"], http.StatusOK)
			assert.Contains(t, refund, "原订单")
			assert.Contains(t, refund, `href="/console/orders/`+ids["S1"]+`"`)
		})
		t.Run("Export", func(t *testing.T) {
			csv := olga.get(t, "/console/orders/export?kind=sale", http.StatusOK)
			assert.Contains(t, csv, "订单号,来源,类型,门店,会员号,会员姓名,金额（元）,支付时间\n")
			assert.Contains(t, csv, "S1,门店收银,销售,徐汇店,VIP01,张三,128.00,2024-05-01 00:30\n")
			assert.NotContains(t, csv, "R1")
			es, err := db.NewAuditStore(d).ListAudit(context.Background(), app.AuditFilter{CorpID: c.corp.ID, Action: "export.orders"})
			require.NoError(t, err)
			require.Len(t, es, 1, "the export is audited")
			assert.Contains(t, c.signIn(t, "ann").get(t, "/console/orders/export", http.StatusOK), ",VIP01,张*,", "an analyst's names are masked")
		})
		t.Run("Analyst", func(t *testing.T) {
			ann := c.signIn(t, "ann")
			assert.NotContains(t, ann.get(t, "/console/orders", http.StatusOK), "/console/orders/import")
			ann.get(t, "/console/orders/import", http.StatusForbidden)
			assert.Equal(t, http.StatusForbidden, ann.postFile(t, "/console/orders/import", "订单.csv", ordersFile).Code)
		})
		t.Run("StoreManager", func(t *testing.T) {
			m1 := c.signIn(t, "m1")
			assert.ElementsMatch(t, []string{"S1", "R1"}, orderNumbers(m1.get(t, "/console/orders", http.StatusOK)), "徐汇店's orders only")
			assert.Contains(t, m1.get(t, "/console/orders?store="+itoa(c.stores["静安店"]), http.StatusForbidden), "店长只能查看本店的订单")
			m1.get(t, "/console/orders/"+ids["S2"], http.StatusNotFound)
			assert.NotContains(t, m1.get(t, "/console/orders/export", http.StatusOK), "S2")
		})
		t.Run("Paging", func(t *testing.T) {
			var file strings.Builder
			file.WriteString("来源,订单号,门店编码,金额,支付时间\n")
			for i := range 50 {
				fmt.Fprintf(&file, "京东,JD%02d,JA,9.90,2024-06-01 12:00\n", i)
			}
			require.Equal(t, http.StatusOK, olga.postFile(t, "/console/orders/import", "京东.csv", file.String()).Code)
			page := olga.get(t, "/console/orders?store="+itoa(c.stores["静安店"]), http.StatusOK)
			assert.Len(t, orderNumbers(page), 50, "a page")
			next := regexp.MustCompile(`href="([^"]+)" id="next"`).FindStringSubmatch(page)
			require.NotNil(t, next)
			link := html.UnescapeString(next[1])
			assert.Contains(t, link, "store="+itoa(c.stores["静安店"]), "the filter is kept")
			rest := olga.get(t, link, http.StatusOK)
			assert.Equal(t, []string{"JD49"}, orderNumbers(rest), "S2 and 50 from 京东: one left for the second page")
			assert.Contains(t, rest, ">第一页</a>")
			assert.Contains(t, rest, `href="/console/orders/export?store=`+itoa(c.stores["静安店"])+`"`, "an export takes the filter, not the page")
			assert.Equal(t, 52, strings.Count(olga.get(t, "/console/orders/export?after=999999&store="+itoa(c.stores["静安店"]), http.StatusOK), "\n"),
				"the header and every order of the filter")
			assert.NotContains(t, rest, `id="next"`)
		})
		t.Run("ErrCSRF", func(t *testing.T) {
			olga.csrf = "forged"
			w := olga.postFile(t, "/console/orders/import", "订单.csv", ordersFile)
			assert.Equal(t, http.StatusForbidden, w.Code)
			assert.Contains(t, w.Body.String(), "CSRF")
		})
	})
}

// postFile posts a file to a console form, as the browser does.
func (s *pageSession) postFile(t *testing.T, path, name, content string) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	require.NoError(t, mw.WriteField("_csrf", s.csrf))
	fw, err := mw.CreateFormFile("file", name)
	require.NoError(t, err)
	_, _ = fw.Write([]byte(content))
	require.NoError(t, mw.Close())
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Cookie", s.cookie)
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, req)
	return w
}

var orderLink = regexp.MustCompile(`<a class="order-link" href="/console/orders/(\d+)">([^<]+)</a>`)

// orderIDs reads the orders a list links to, by number.
func orderIDs(page string) map[string]string {
	out := map[string]string{}
	for _, m := range orderLink.FindAllStringSubmatch(page, -1) {
		out[m[2]] = m[1]
	}
	return out
}

// orderNumbers are the numbers of the orders a list shows.
func orderNumbers(page string) []string {
	var out []string
	for _, m := range orderLink.FindAllStringSubmatch(page, -1) {
		out = append(out, m[2])
	}
	return out
}
