package api_test

import (
	"context"
	"net/http"
	"net/url"
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

// The 审计日志 page: filters by actor, action, object (by code or name)
// and day, names people and objects with links, shows what changed, pages
// newest first, refuses a bad filter field by field, exports the filter
// (an export itself recorded), and gives a store manager only what
// concerns their store and an analyst no customer's detail.
func TestConsoleAuditPage(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		olga := c.as("olga")
		xh, err := c.g.Org.FindStore(olga, c.corp.ID, c.stores["徐汇店"])
		require.NoError(t, err)
		xh.City = "上海"
		require.NoError(t, c.g.Org.UpdateStore(olga, xh))
		require.NoError(t, c.g.Org.LeaveGuide(olga, c.corp.ID, c.guides["g2"]))
		require.NoError(t, c.g.Org.CloseStore(olga, c.corp.ID, c.stores["静安店"]))
		require.NoError(t, c.g.Org.CreateBrand(olga, &app.Brand{CorpID: c.corp.ID, Name: "思域"}))
		require.NoError(t, c.g.Audit.Record(context.Background(), app.AuditChange{CorpID: c.corp.ID, Actor: "system:assign",
			Action: "customer.assign", TargetType: "customer", TargetID: "wm-nobody", Detail: map[string]any{"reason": "渠道导购"}}))
		admin := c.signIn(t, "alice")
		olgaID := "user:" + itoa(c.users["olga"])

		page := admin.get(t, "/console/audit?"+url.Values{"actor": {olgaID}}.Encode(), http.StatusOK)
		assert.Equal(t, []string{"brand.create", "store.close", "guide.leave", "store.update"}, auditActions(page), "olga's entries, newest first")
		assert.Contains(t, page, "控制台用户「olga」", "the actor by name")
		assert.Contains(t, page, `<option value="`+olgaID+`" selected>控制台用户「olga」</option>`, "the filter offers who acted")
		assert.Contains(t, page, `<a href="/console/stores/`+itoa(c.stores["徐汇店"])+`/edit">徐汇店</a>`, "the store by name, linked")
		assert.Regexp(t, `城市：</span>(<del>)?（空）(</del>)? → 上海`, page, "what changed")
		assert.NotContains(t, page, ">CorpID", "noise is left out")

		page = admin.get(t, "/console/audit?"+url.Values{"actor": {olgaID}, "action": {"store.update"}}.Encode(), http.StatusOK)
		assert.Equal(t, []string{"store.update"}, auditActions(page))
		page = admin.get(t, "/console/audit?"+url.Values{"type": {"store"}, "target": {"JA"}}.Encode(), http.StatusOK)
		assert.Equal(t, []string{"store.close", "store.create"}, auditActions(page), "an object by its code")
		page = admin.get(t, "/console/audit?"+url.Values{"type": {"guide"}, "target": {"李导购"}}.Encode(), http.StatusOK)
		assert.Equal(t, []string{"guide.create"}, auditActions(page), "a guide by name")
		assert.Contains(t, page, "控制台用户「alice」")
		page = admin.get(t, "/console/audit?action=customer.assign", http.StatusOK)
		assert.Contains(t, page, "系统自动分配", "a job by what it does")
		assert.Contains(t, page, "原因：</span>渠道导购")
		today := time.Now().In(app.ZoneNamed("Asia/Shanghai")).Format(time.DateOnly)
		tomorrow := time.Now().In(app.ZoneNamed("Asia/Shanghai")).AddDate(0, 0, 1).Format(time.DateOnly)
		all, err := c.g.Audit.List(context.Background(), app.AuditFilter{CorpID: c.corp.ID})
		require.NoError(t, err)
		assert.Len(t, auditActions(admin.get(t, "/console/audit?from="+today+"&to="+today, http.StatusOK)), len(all), "all of today's")
		assert.Contains(t, admin.get(t, "/console/audit?from="+tomorrow, http.StatusOK), "没有符合条件的记录")

		t.Run("ErrInvalid", func(t *testing.T) {
			page := admin.get(t, "/console/audit?"+url.Values{"from": {"昨天"}, "target": {"XH"}}.Encode(), http.StatusOK)
			assert.Contains(t, page, "日期格式应为 2026-01-31")
			assert.Contains(t, page, "请先选择对象类型")
			page = admin.get(t, "/console/audit?"+url.Values{"type": {"store"}, "target": {"没有这家店"}}.Encode(), http.StatusOK)
			assert.Contains(t, page, "未找到该门店")
		})
		t.Run("Paging", func(t *testing.T) {
			for i := range 55 {
				require.NoError(t, c.g.Audit.Record(context.Background(), app.AuditChange{CorpID: c.corp.ID, Actor: "system:transfer",
					Action: "transfer.finish", TargetType: "transfer", TargetID: i}))
			}
			first := admin.get(t, "/console/audit?action=transfer.finish", http.StatusOK)
			next := regexp.MustCompile(`href="([^"]+)" id="next"`).FindStringSubmatch(first)
			require.NotNil(t, next)
			second := admin.get(t, strings.ReplaceAll(next[1], "&amp;", "&"), http.StatusOK)
			ids := append(auditIDs(first), auditIDs(second)...)
			assert.Len(t, auditIDs(first), 50)
			assert.Len(t, ids, 55)
			assert.IsDecreasing(t, ids, "newest first, no entry twice")
			assert.Contains(t, second, `id="newest"`)
			assert.NotContains(t, second, `id="next"`)
		})
		t.Run("Export", func(t *testing.T) {
			csv := admin.get(t, "/console/audit/export?"+url.Values{"actor": {olgaID}}.Encode(), http.StatusOK)
			assert.Contains(t, csv, "时间,操作人,动作,对象类型,对象,详情,请求编号")
			assert.Contains(t, csv, "控制台用户「olga」,修改门店,门店,徐汇店,城市：（空） → 上海")
			assert.Equal(t, 5, strings.Count(csv, "\n"), "the header and olga's four entries")
			es, err := c.g.Audit.List(context.Background(), app.AuditFilter{CorpID: c.corp.ID, Action: "export.audit"})
			require.NoError(t, err)
			require.Len(t, es, 1, "the export is audited")
			assert.Equal(t, "user:"+itoa(c.users["alice"]), es[0].Actor)
			assert.Contains(t, es[0].Detail, url.QueryEscape(olgaID))
		})
		t.Run("StoreManager", func(t *testing.T) {
			m1 := c.signIn(t, "m1")
			page := m1.get(t, "/console/audit", http.StatusOK)
			assert.Contains(t, page, `id="audit-scope"`)
			assert.ElementsMatch(t, []string{"store.update", "store.create", "guide.create", "guide.create"}, auditActions(page),
				"徐汇店 and its guides only")
			assert.NotContains(t, page, "控制台用户「ann」", "the filter offers only the actors of what they may read")
			assert.Empty(t, auditActions(m1.get(t, "/console/audit?type=store&target=JA", http.StatusOK)), "another store's entries stay hidden")
		})
		t.Run("Analyst", func(t *testing.T) {
			ann := c.signIn(t, "ann")
			page := ann.get(t, "/console/audit?action=customer.assign", http.StatusOK)
			assert.Contains(t, page, "客户信息已隐藏")
			assert.NotContains(t, page, "渠道导购")
		})
	})
}

var auditRow = regexp.MustCompile(`<tr data-id="(\d+)" data-action="([a-z_.]+)">`)

// auditActions lists the actions of a log page's rows, in order.
func auditActions(page string) []string {
	var out []string
	for _, m := range auditRow.FindAllStringSubmatch(page, -1) {
		out = append(out, m[2])
	}
	return out
}

func auditIDs(page string) []string {
	var out []string
	for _, m := range auditRow.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}
