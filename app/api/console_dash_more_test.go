package api_test

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/dashboard"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/templates"
)

// seedCampaign writes a referral campaign with two participants and
// helps credited in 徐汇店 and 静安店 and one held, as app/referral would.
func (w *dashWorld) seedCampaign(t *testing.T, name string) {
	now := time.Now().UTC()
	sql := w.d.SQL()
	res, err := sql.Exec(`INSERT INTO referral_campaigns (corp_id, name, kind, status, starts_at, ends_at, state, chat_ids, tiers, rules, created_at, updated_at)
		VALUES (?, ?, 'friend', 'active', ?, ?, ?, '[]', '[]', '{}', ?, ?)`, w.corp.ID, name, now.Add(-time.Hour), now.Add(time.Hour), "rf-"+name, now, now)
	require.NoError(t, err)
	campaign, err := res.LastInsertId()
	require.NoError(t, err)
	for i, p := range [][2]int{{9, 3}, {4, 2}} {
		_, err := sql.Exec(`INSERT INTO referral_participants (corp_id, campaign_id, unionid, scene, visits, invitees, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, w.corp.ID, campaign, fmt.Sprintf("u%d-%s", i, name), fmt.Sprintf("s%d-%s", i, name), p[0], p[1], now, now)
		require.NoError(t, err)
	}
	for i, h := range []struct {
		store, status string
	}{{"徐汇店", app.HelpCredited}, {"徐汇店", app.HelpCredited}, {"静安店", app.HelpCredited}, {"徐汇店", app.HelpHeld}} {
		_, err := sql.Exec(`INSERT INTO referral_helps (corp_id, campaign_id, participant_id, invitee_unionid, external_userid, store_id, arrived_at, status, updated_at)
			VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)`, w.corp.ID, campaign, fmt.Sprintf("i%d-%s", i, name), fmt.Sprintf("wm%d", i), w.stores[h.store], now, h.status, now)
		require.NoError(t, err)
	}
}

// 业绩归属 (store against online credit of a rule version), 客户资产 (the
// latest snapshot, 流失 by day) and 裂变 (a campaign's funnel and
// K-factor): figures as written, a store manager's their store's.
func dashCreditAssetReferralChecks(t *testing.T, w *dashWorld) {
	d := w.d
	alice, m1 := w.signIn(t, "alice"), w.signIn(t, "m1")
	assert.Contains(t, alice.get(t, "/console/dash/credits", http.StatusOK), "还没有业绩归属规则版本")
	w.saveRules(t, w.signIn(t, "olga"), nil)
	var rules int64
	require.NoError(t, d.SQL().QueryRow("SELECT MAX(id) FROM attribution_rules WHERE corp_id = ?", w.corp.ID).Scan(&rules))
	xh := w.stores["徐汇店"]
	testkit.InsertDailyCredits(t, d, w.corp.ID,
		app.DailyCredit{RulesID: rules, Day: w.days[1], Team: app.TeamStore, StoreID: xh, Orders: 2, SalesCents: 30000, RefundCents: 5000},
		app.DailyCredit{RulesID: rules, Day: w.days[1], Team: app.TeamOnline, StoreID: 0, Orders: 1, SalesCents: 12000},
		app.DailyCredit{RulesID: rules, Day: w.days[2], Team: app.TeamStore, StoreID: w.stores["静安店"], Orders: 1, SalesCents: 8000},
		app.DailyCredit{RulesID: rules, Day: w.days[9], Team: app.TeamStore, StoreID: xh, Orders: 1, SalesCents: 99900},
		app.DailyCredit{RulesID: rules + 1000, Day: w.days[1], Team: app.TeamStore, StoreID: xh, Orders: 1, SalesCents: 77700})

	t.Run("Credits", func(t *testing.T) {
		page := alice.get(t, "/console/dash/credits?period=7", http.StatusOK)
		store, online := column(t, page, "credits", "门店业绩"), column(t, page, "credits", "线上业绩")
		assert.Equal(t, "¥250.00", store[w.days[1]])
		assert.Equal(t, "¥120.00", online[w.days[1]])
		assert.Equal(t, "¥80.00", store[w.days[2]])
		assert.Equal(t, "¥0.00", store[w.days[3]], "a day without credit")
		assert.Regexp(t, `<tr class="total"><th>合计</th><th class="num">¥330.00</th><th class="num">¥120.00</th><th class="num">¥450.00</th><th class="num">26.7%</th>`, page)
		assert.Equal(t, "¥250.00", column(t, page, "credit-stores", "净额")["徐汇店"])
		assert.Contains(t, page, `id="chart-credits-data"`)
		mine := m1.get(t, "/console/dash/credits?period=7", http.StatusOK)
		assert.Equal(t, []string{"徐汇店"}, firstCells(t, mine, "credit-stores"), "their store's credit only")
		assert.Contains(t, alice.get(t, "/console/dash/credits?rules_id="+itoa(rules+1000), http.StatusOK), "规则版本不存在")
	})
	t.Run("Assets", func(t *testing.T) {
		testkit.InsertAssets(t, d, w.corp.ID,
			app.AssetCount{Day: w.days[9], StoreID: xh, Class: app.RFMValue, Stage: app.StageMature, Members: 40},
			app.AssetCount{Day: w.days[1], StoreID: xh, Class: app.RFMValue, Stage: app.StageMature, Members: 4},
			app.AssetCount{Day: w.days[1], StoreID: xh, Class: app.RFMNew, Stage: app.StageGrowth, Members: 1},
			app.AssetCount{Day: w.days[1], StoreID: w.stores["静安店"], Class: app.RFMLost, Stage: app.StageChurned, Members: 3},
			app.AssetCount{Day: w.days[1], StoreID: 0, Class: app.RFMNew, Stage: app.StageIntro, Members: 2})
		page := alice.get(t, "/console/dash/assets?period=7", http.StatusOK)
		assert.Equal(t, map[string]string{"重要价值": "4", "重要唤回": "0", "重要深耕": "0", "重要挽留": "0", "潜力": "0", "新客户": "3", "一般维持": "0", "流失": "3"},
			column(t, page, "rfm", "会员数"))
		assert.Equal(t, "40.0%", column(t, page, "rfm", "占比")["重要价值"])
		assert.Equal(t, []string{"引入期", "成长期", "成熟期", "休眠期", "流失期"}, firstCells(t, page, "stages"), "the funnel's order")
		assert.Equal(t, map[string]string{"引入期": "2", "成长期": "1", "成熟期": "4", "休眠期": "0", "流失期": "3"}, column(t, page, "stages", "会员数"))
		assert.Contains(t, page, "会员分布为 "+w.days[1]+" 的快照")
		assert.Contains(t, page, `id="chart-stages-data">{"kind":"funnel","x":["引入期","成长期","成熟期","休眠期","流失期"]`)
		ends := column(t, page, "churn", "流失")
		for _, k := range []int{0, 4} {
			assert.Equal(t, fmt.Sprint(w.sums(t, w.days[k], w.days[k], "dim = 'corp'")["ends"]), ends[w.days[k]])
		}
		mine := m1.get(t, "/console/dash/assets?period=7", http.StatusOK)
		assert.Equal(t, "4", column(t, mine, "rfm", "会员数")["重要价值"])
		assert.Equal(t, "0", column(t, mine, "rfm", "会员数")["流失"], "members of their home store only")
		assert.Contains(t, alice.get(t, "/console/dash/assets?period=7&to="+w.days[12]+"&from="+w.days[13], http.StatusOK), "还没有会员资产快照")
	})
	t.Run("Referrals", func(t *testing.T) {
		assert.Contains(t, alice.get(t, "/console/dash/referrals", http.StatusOK), "还没有裂变活动")
		w.seedCampaign(t, "老带新")
		page := alice.get(t, "/console/dash/referrals", http.StatusOK)
		assert.Equal(t, [][]string{{"老带新", "2", "13", "5", "3", "1.50", "38.5%", "60.0%"}}, dashRows(t, page, "referrals"),
			"participants → scans → invitees → credited, K = credited per participant")
		assert.Contains(t, page, `id="chart-referral-data">{"kind":"funnel","x":["参与人数","扫码","被邀请人","已计入"],"series":[{"name":"人数","type":"","axis":0,"data":[2,13,5,3]}]}`)
		assert.Equal(t, [][]string{{"老带新", "3", "2", "66.7%"}}, dashRows(t, m1.get(t, "/console/dash/referrals", http.StatusOK), "referrals"),
			"a store manager: the helps that arrived in their store")
	})
}

// fixedUplifts stands in for app/uplift's results.
type fixedUplifts []app.UpliftResult

func (f fixedUplifts) Uplifts(_ context.Context, corpID int64, kind string, storeID int64) ([]app.UpliftResult, error) {
	var out []app.UpliftResult
	for _, r := range f {
		if r.CorpID == corpID && r.Kind == kind && r.StoreID == storeID {
			out = append(out, r)
		}
	}
	return out, nil
}

// 提升效果: empty with its method until something is measured; then each
// uplift as "+X% (95% CI a–b)". Every dashboard opens for an analyst and
// each of its tables exports, audited.
func dashUpliftAndEveryPageChecks(t *testing.T, w *dashWorld) {
	d := w.d
	ann := w.signIn(t, "ann")
	page := ann.get(t, "/console/dash/uplift", http.StatusOK)
	assert.Contains(t, page, `id="dash-empty">还没有计算出提升效果`)
	assert.Contains(t, page, `id="uplift-method"`)
	assert.Contains(t, page, "分层匹配", "app/uplift's own method of the guide comparison")
	assert.Contains(t, page, "Newcombe", "and of the holdouts")

	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	deps := w.g.API(api.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Pages: mustPages(t)})
	deps.Dashboard = dashboard.New(dashboard.Deps{Stats: db.NewStatsReadStore(d), Names: w.g.Names(), Brands: w.g.Stores.Org,
		Channels: w.g.Stores.Channels, Uplifts: fixedUplifts{
			{CorpID: w.corp.ID, Kind: app.UpliftGuide, From: at, To: at.AddDate(1, 0, 0), Treated: 1200, Control: 3400, Strata: 24,
				Spend: app.Estimate{Value: 0.3, Low: 0.12, High: 0.48, Valid: true}, TreatedMeanCents: 130000, ControlMeanCents: 100000, ComputedAt: at.AddDate(1, 0, 0)},
			{CorpID: w.corp.ID, Kind: app.UpliftMassSend, SubjectID: 7, From: at, To: at.AddDate(0, 0, 14), Treated: 900, Control: 100,
				Conversion: app.Estimate{Value: 0.021, Low: -0.005, High: 0.047, Valid: true},
				Revenue:    app.Estimate{Value: 1230, Low: -100, High: 2500, Valid: true}}}})
	measured := (&pageSession{h: api.New(deps), cookie: ann.cookie}).get(t, "/console/dash/uplift", http.StatusOK)
	assert.Equal(t, [][]string{{"2024-01-01 至 2024-12-31", "+30.0% (95% CI 12.0%–48.0%)", "1200", "3400", "24", "¥1,300.00", "¥1,000.00"}},
		dashRows(t, measured, "uplift-guide"))
	assert.Equal(t, [][]string{{"已删除的群发", "2024-01-01 至 2024-01-15", "+2.1 个百分点 (95% CI -0.5–4.7)", "+12.30 元 (95% CI -1.00–25.00)", "900", "100"}},
		dashRows(t, measured, "uplift-masssend"))
	assert.Contains(t, measured, "最近计算：2025-01-01 08:00")

	audited := func() int {
		es, err := db.NewAuditStore(d).ListAudit(context.Background(), app.AuditFilter{CorpID: w.corp.ID})
		require.NoError(t, err)
		n := 0
		for _, e := range es {
			if strings.HasPrefix(e.Action, "export.dashboard.") {
				n++
			}
		}
		return n
	}
	before, exports := audited(), 0
	for _, path := range []string{"/console/dash/overview", "/console/dash/guides", "/console/dash/stores", "/console/dash/credits", "/console/dash/assets",
		"/console/dash/channels", "/console/dash/referrals", "/console/dash/execution", "/console/dash/uplift"} {
		page := ann.get(t, path, http.StatusOK)
		assert.Contains(t, page, `href="`+path+`" data-nav=`, "in the menu")
		for _, m := range regexp.MustCompile(`href="([^"]+)" id="export-[a-z-]+-csv"`).FindAllStringSubmatch(page, -1) {
			body := ann.get(t, strings.ReplaceAll(m[1], "&amp;", "&"), http.StatusOK)
			assert.True(t, strings.HasPrefix(body, "\ufeff"), m[1])
			exports++
		}
	}
	assert.Equal(t, 11, exports, "every table shown: 总览 1, 导购排行 1, 门店对比 1, 业绩归属 2, 客户资产 3, 渠道效果 1, 裂变 1, 执行 1 (提升效果 is empty)")
	assert.Equal(t, before+exports, audited(), "each export audited")
}

func mustPages(t *testing.T) *template.Template {
	p, err := templates.Parse()
	require.NoError(t, err)
	return p
}
