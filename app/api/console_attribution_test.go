package api_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// creditOrdersFile: S1 at 徐汇店 by its guide 李导购 (g1), partly
// refunded by R1; S2 at 静安店 rung up by 李导购 too, a guide of
// another store; S3 at 静安店 without a guide.
const creditOrdersFile = "来源,类型,订单号,原订单号,门店编码,导购,金额,支付时间\n" +
	"门店,销售,S1,,XH,g1,128.00,2024-05-01 10:00\n" +
	"门店,销售,S2,,JA,g1,66.50,2024-05-02 12:00\n" +
	"门店,退款,R1,S1,XH,g1,-30.00,2024-05-03 10:00\n" +
	"门店,销售,S3,,JA,,20.00,2024-05-03 11:00\n"

// rulesForm is the settings form as the page sends it by default, with
// changes.
func rulesForm(changes map[string]string) url.Values {
	f := url.Values{"scope": {"0"}, "pos_owner": {"1"}, "pos_share": {"2"}, "pos_adder": {"3"}, "pos_pos_guide": {"4"}, "pos_store": {"5"},
		"adder": {"adder_first"}, "share_days": {"7"}, "protection_days": {"30"}, "acquirer_pct": {"100"}, "binding": {"permanent"},
		"binding_days": {"0"}, "cross_store": {"1"}, "lookback_days": {"30"}, "half_life_days": {"7"},
		"from": {"2024-05-01"}, "to": {"2024-05-31"}}
	for k, v := range changes {
		if v == "" {
			f.Del(k)
		} else {
			f.Set(k, v)
		}
	}
	return f
}

// 业绩归属设置: the rules in force read out in Chinese; a bad form comes
// back with every refusal beside its field; the dry run shows how credit
// would move, by name and in yuan, and saves nothing; a save makes a
// version with its recompute, audited in words, whose progress the page
// polls; the analyst and the store manager read and cannot change.
func TestConsoleAttributionSettings(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		olga := c.signIn(t, "olga")
		require.Equal(t, http.StatusOK, olga.postFile(t, "/console/orders/import", "订单.csv", creditOrdersFile).Code)
		page := olga.get(t, "/console/attribution", http.StatusOK)
		for _, want := range []string{`data-nav="attribution"`, "默认规则（尚未保存过）", "专属导购 ＞ 推广导购 ＞ 添加导购（最早添加） ＞ 收银导购 ＞ 购买门店",
			"首次添加后 30 天内的线上订单归获客门店", `id="versions-empty"`, `id="rules-form"`} {
			assert.Contains(t, page, want)
		}

		t.Run("ErrInvalid", func(t *testing.T) {
			w := olga.post(t, "/console/attribution", rulesForm(map[string]string{"pos_share": "1", "share_days": "0",
				"acquirer_pct": "一百", "binding": "temporary", "binding_days": "", "half_life_days": "400"}))
			require.Equal(t, http.StatusBadRequest, w.Code)
			page := w.Body.String()
			for field, want := range map[string]string{"precedence": "“专属导购”与“推广导购”都排在第 1 位，请各选不同的顺序",
				"share_days": "应为 1 到 365 的整数", "acquirer_pct": "请填写整数", "binding_days": "请填写整数", "half_life_days": "应为 1 到 365 的整数"} {
				assert.Regexp(t, `(?s)id="`+field+`".*?<div class="err">`+regexp.QuoteMeta(want), page, field)
			}
			assert.Contains(t, page, `value="一百"`, "the form comes back as sent")
			assert.Contains(t, olga.get(t, "/console/attribution", http.StatusOK), `id="versions-empty"`, "nothing saved")
		})
		t.Run("DryRun", func(t *testing.T) {
			w := olga.post(t, "/console/attribution/dry-run", rulesForm(map[string]string{"cross_store": ""}))
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			page := w.Body.String()
			assert.Contains(t, page, "共 4 笔订单，其中 <strong>1</strong> 笔的业绩归属会变化，涉及金额 <strong>¥66.50</strong>")
			assert.Regexp(t, `(?s)id="dry-store".*<td>静安店</td><td class="num">¥20.00</td><td class="num">¥86.50</td><td class="num ok">&#43;¥66.50</td>`, page)
			assert.Regexp(t, `(?s)id="dry-guide".*<td>李导购</td><td class="num">¥164.50</td><td class="num">¥98.00</td><td class="num bad">-¥66.50</td>`, page)
			assert.Contains(t, page, "（不归导购，只归门店）")
			w = olga.post(t, "/console/attribution/dry-run", rulesForm(map[string]string{"to": "2024-04-01", "lookback_days": "0"}))
			assert.Regexp(t, `(?s)id="to".*?<div class="err">结束日期不能早于开始日期`, w.Body.String())
			assert.Regexp(t, `(?s)id="lookback_days".*?<div class="err">应为 1 到 365 的整数`, w.Body.String())
			assert.Contains(t, olga.get(t, "/console/attribution", http.StatusOK), `id="versions-empty"`, "a dry run saves nothing")
		})
		var runID string
		t.Run("Save", func(t *testing.T) {
			w := olga.post(t, "/console/attribution", rulesForm(map[string]string{"cross_store": "", "note": "店内销售只归本店"}))
			require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
			assert.Equal(t, "/console/attribution?scope=0", w.Header().Get("Location"))
			page := olga.get(t, "/console/attribution", http.StatusOK)
			assert.Contains(t, page, "第 1 版")
			assert.Contains(t, page, "跨店归属：允许其他门店的导购获得店内销售业绩 → 店内销售只归本店导购")
			assert.Contains(t, page, "控制台用户「olga」")
			assert.Contains(t, page, "店内销售只归本店")
			m := regexp.MustCompile(`id="run"[^>]* hx-get="/console/attribution/runs/(\d+)" hx-trigger="every 1s"`).FindStringSubmatch(page)
			require.NotNil(t, m, "the page polls the running recompute")
			runID = m[1]
			es, err := db.NewAuditStore(d).ListAudit(context.Background(), app.AuditFilter{CorpID: c.corp.ID, Action: "attribution.rules"})
			require.NoError(t, err)
			require.Len(t, es, 1)
			assert.Contains(t, es[0].Detail, "店内销售只归本店导购")
			assert.Contains(t, es[0].Detail, "第 1 版")
			assert.Contains(t, olga.get(t, "/console/audit", http.StatusOK), "保存业绩归属规则")
		})
		t.Run("Progress", func(t *testing.T) {
			part := olga.get(t, "/console/attribution/runs/"+runID, http.StatusOK)
			assert.Contains(t, part, `hx-trigger="every 1s"`, "still running")
			require.NoError(t, c.g.Attribution.Run(context.Background(), c.corp.ID, atoi(t, runID)))
			part = olga.get(t, "/console/attribution/runs/"+runID, http.StatusOK)
			assert.NotContains(t, part, "hx-get", "done: the polling stops")
			assert.Contains(t, part, "已完成")
			assert.Contains(t, part, "4 / 4 笔订单（100%）")
		})
		t.Run("Readers", func(t *testing.T) {
			for _, user := range []string{"ann", "m1"} {
				s := c.signIn(t, user)
				page := s.get(t, "/console/attribution", http.StatusOK)
				assert.Contains(t, page, `id="read-only"`, user)
				assert.NotContains(t, page, `id="rules-form"`, user)
				assert.Contains(t, page, "第 1 版", user)
				assert.Equal(t, http.StatusForbidden, s.post(t, "/console/attribution", rulesForm(nil)).Code, user)
				assert.Equal(t, http.StatusForbidden, s.post(t, "/console/attribution/dry-run", rulesForm(nil)).Code, user)
			}
			olga.csrf = "forged"
			assert.Equal(t, http.StatusForbidden, olga.post(t, "/console/attribution", rulesForm(nil)).Code, "CSRF")
			es, err := db.NewAuditStore(d).ListAudit(context.Background(), app.AuditFilter{CorpID: c.corp.ID, Action: "attribution.rules"})
			require.NoError(t, err)
			assert.Len(t, es, 1, "no reader saved anything")
		})
	})
}

func atoi(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, r := range s {
		require.True(t, r >= '0' && r <= '9', s)
		n = n*10 + int64(r-'0')
	}
	return n
}
