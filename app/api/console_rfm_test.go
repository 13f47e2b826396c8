package api_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// rfmCount reads how many members the page counts in a class or stage.
func rfmCount(t *testing.T, page, attr, key string) string {
	t.Helper()
	m := regexp.MustCompile(`data-` + attr + `="` + key + `">.*?<td class="num rfm-n">(\d+)</td>`).FindStringSubmatch(page)
	require.NotNil(t, m, "%s %s", attr, key)
	return m[1]
}

// RFM 与生命周期: the distribution of members over the 8 classes and the
// stages, the settings in words with the thresholds last used; a bad form
// comes back with every refusal beside its field; a save is audited in
// words and queues the full recompute, after which the distribution
// follows the new thresholds; analysts and store managers read only.
func TestConsoleRFMPages(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		ctx := app.WithActor(context.Background(), "cli:test")
		for _, no := range []string{"VIP01", "VIP02"} {
			_, err := c.g.Member.Upsert(ctx, c.corp.ID, member.Input{MemberNo: no, Name: "会员" + no})
			require.NoError(t, err)
		}
		olga := c.signIn(t, "olga")
		page := olga.get(t, "/console/rfm", http.StatusOK)
		assert.Contains(t, page, `id="rfm-empty"`, "nothing computed yet")
		assert.Contains(t, page, `data-nav="rfm"`)
		require.Equal(t, http.StatusOK, olga.postFile(t, "/console/orders/import", "订单.csv", ordersFile).Code)
		require.NoError(t, c.g.RFM.Full(ctx, c.corp.ID, 0))

		page = olga.get(t, "/console/rfm", http.StatusOK)
		assert.Equal(t, "1", rfmCount(t, page, "class", "value"), "the one buyer is at every median: 重要价值")
		assert.Equal(t, "1", rfmCount(t, page, "stage", "churned"), "bought in 2024")
		assert.Equal(t, "1", rfmCount(t, page, "stage", "intro"), "VIP02 has not bought")
		assert.Contains(t, page, "另有 1 位会员还没有购买")
		assert.Contains(t, page, "使用品牌中位数")
		assert.Regexp(t, `(?s)id="rfm-used">.*累计实付 ¥98.00 及以上算“高”`, page, "the median used: S1 less its refund")

		t.Run("ErrInvalid", func(t *testing.T) {
			w := olga.post(t, "/console/rfm", url.Values{"scope": {"0"}, "recency_days": {"三十"}, "frequency": {"-1"}, "monetary": {"12.345"},
				"growth_orders": {""}, "active_days": {"200"}, "churn_days": {"100"}})
			require.Equal(t, http.StatusBadRequest, w.Code)
			page := w.Body.String()
			for field, want := range map[string]string{"recency_days": "请填写整数，或留空使用中位数", "frequency": "应为 1 到 10000 次，或留空使用中位数",
				"monetary": "金额应为元，最多两位小数", "growth_orders": "请填写整数", "churn_days": "流失期的天数应大于休眠期"} {
				assert.Regexp(t, `(?s)id="`+field+`".*?<div class="err">`+regexp.QuoteMeta(want), page, field)
			}
			assert.Contains(t, page, `value="三十"`, "the form comes back as sent")
		})
		t.Run("Save", func(t *testing.T) {
			w := olga.post(t, "/console/rfm", url.Values{"scope": {"0"}, "recency_days": {"30"}, "frequency": {"2"}, "monetary": {"500"},
				"growth_orders": {"3"}, "active_days": {"60"}, "churn_days": {"120"}})
			require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
			assert.Equal(t, "/console/rfm?scope=0", w.Header().Get("Location"))
			es, err := db.NewAuditStore(d).ListAudit(context.Background(), app.AuditFilter{CorpID: c.corp.ID, Action: "rfm.settings"})
			require.NoError(t, err)
			require.Len(t, es, 1)
			for _, want := range []string{"使用品牌中位数", "30 天内购买过算“近”", "累计实付 ¥500.00 及以上算“高”", "超过 120 天未购买"} {
				assert.Contains(t, es[0].Detail, want)
			}
			pending, err := asynq.NewInspector(c.g.Redis.Conn).ListPendingTasks(tasks.QueueLow)
			require.NoError(t, err)
			var full int
			for _, p := range pending {
				if p.Type == tasks.TypeRFMFull {
					full++
					assert.JSONEq(t, `{"corp_id":`+itoa(c.corp.ID)+`,"scope":0}`, string(p.Payload))
				}
			}
			assert.Equal(t, 1, full, "the recompute is queued")
			require.NoError(t, c.g.RFM.Full(ctx, c.corp.ID, 0)) // what the task runs
			page := olga.get(t, "/console/rfm", http.StatusOK)
			assert.Equal(t, "1", rfmCount(t, page, "class", "lost"), "long ago, once, ¥98: 流失 under the brand's own thresholds")
			assert.Equal(t, "0", rfmCount(t, page, "class", "value"))
			assert.Contains(t, page, `value="500.00"`)
		})
		t.Run("Readers", func(t *testing.T) {
			for _, user := range []string{"ann", "m1"} {
				s := c.signIn(t, user)
				page := s.get(t, "/console/rfm", http.StatusOK)
				assert.Contains(t, page, `id="read-only"`, user)
				assert.NotContains(t, page, `id="rfm-form"`, user)
				assert.Equal(t, http.StatusForbidden, s.post(t, "/console/rfm", url.Values{"scope": {"0"}, "growth_orders": {"2"},
					"active_days": {"90"}, "churn_days": {"180"}}).Code, user)
			}
		})
	})
}
