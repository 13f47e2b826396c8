package main

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/attribution"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/dashboard"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/templates"
)

// TestConsoleDashboardsInBrowser opens every dashboard (看板) in one
// headless Chromium, on one console served in-process (the composition
// root's graph on SQLite) with 30 days of aggregates, credit of a rule
// version, an asset snapshot, two referral campaigns and a measured
// uplift: each page's charts drawn by ECharts, its tables filled, no
// JavaScript error; a store manager's 导购排行 holds their store's
// guides only. Each page is saved as a screenshot. One server and one
// browser for all pages keep it to seconds.
func TestConsoleDashboardsInBrowser(t *testing.T) {
	t.Parallel()
	b := newBrowserSized(t, 1280, 900)
	base, login := dashConsole(t)
	pages := []struct{ name, path, table string }{{"Overview", "/console/dash/overview", "daily"}, {"Guides", "/console/dash/guides", "guides"},
		{"Stores", "/console/dash/stores", "stores"}, {"Credits", "/console/dash/credits", "credits"}, {"Assets", "/console/dash/assets", "rfm"},
		{"Channels", "/console/dash/channels", "channels"}, {"Referrals", "/console/dash/referrals", "referrals"},
		{"Execution", "/console/dash/execution", "execution"}, {"Uplift", "/console/dash/uplift", "uplift-guide"}}
	login(t, b, "alice")
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			b.do(t, "open "+p.path, chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS("#table-"+p.table+" tbody tr")))
			charts := get(t, b, "the charts", chromedp.Evaluate[[]bool](`[...document.querySelectorAll('.dash-chart')].map(e =>
				e.hasAttribute('data-ready') && !!e.querySelector('canvas') && e.querySelector('canvas').width > 0)`))
			for i, drawn := range charts {
				assert.True(t, drawn, "chart %d of %s drawn", i, p.path)
			}
			if p.name != "Uplift" {
				assert.NotEmpty(t, charts, "%s has a chart", p.path)
			}
			assert.NotContains(t, b.text(t, "#table-"+p.table), "没有数据", "a filled table")
			b.shot(t)
		})
	}
	t.Run("StoreManager", func(t *testing.T) {
		login(t, b, "m1")
		b.do(t, "open 导购排行", chromedp.Navigate(base+"/console/dash/guides"), chromedp.WaitVisible(chromedp.CSS("#table-guides tbody tr")))
		assert.NotContains(t, b.text(t, "#table-guides"), "静安店", "their store's guides only")
		assert.Contains(t, b.text(t, "#dash-scope"), "店长只能查看本门店（徐汇店）的数据")
	})
}

// dashConsole serves the console of a corp with dashboards to show, and
// returns its URL and a way to sign a console user in (a session cookie,
// as the sign-in page would set).
func dashConsole(t *testing.T) (string, func(t *testing.T, b *browser, user string)) {
	ctx := app.WithActor(context.Background(), "cli:test")
	d := testkit.MigratedDB(t, config.DriverSQLite)
	g := root.New(d, testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded)),
		root.Options{Log: testkit.Logger(t), Box: testkit.Box(t), Auth: auth.Options{BcryptCost: bcrypt.MinCost}})
	t.Cleanup(func() { g.Close() })
	corp := &app.Corp{CorpID: "wwdash", Name: "看板连锁", Timezone: "Asia/Shanghai"}
	require.NoError(t, g.Stores.Corps.CreateCorp(ctx, corp))
	for _, u := range [][2]string{{"alice", app.RoleAdmin}, {"m1", app.RoleStoreManager}} {
		require.NoError(t, g.Auth.CreateAdmin(ctx, &app.AdminUser{CorpID: corp.ID, Username: u[0], Role: u[1]}, "dash-password-1"))
	}
	seed := seedDashboards(t, g, d, corp)
	pages, err := templates.Parse()
	require.NoError(t, err)
	deps := g.API(api.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Pages: pages})
	deps.Dashboard = dashboard.New(dashboard.Deps{Stats: db.NewStatsReadStore(d), Names: g.Names(), Brands: g.Stores.Org,
		Channels: g.Stores.Channels, Referrals: g.Referrals, Uplifts: seed.uplifts, MassSends: g.MassSends, Journeys: g.Journeys})
	srv := httptest.NewServer(api.New(deps))
	t.Cleanup(srv.Close)
	return srv.URL, func(t *testing.T, b *browser, user string) {
		in, err := g.Auth.Login(context.Background(), corp.ID, user, "dash-password-1")
		require.NoError(t, err)
		_, err = chromedp.Call(b.ctx, network.ClearBrowserCookies, struct{}{})
		require.NoError(t, err)
		_, err = chromedp.Call(b.ctx, network.SetCookie, network.SetCookieParams{Name: api.ConsoleCookie, Value: in.Token, URL: srv.URL})
		require.NoError(t, err)
	}
}

// dashUplifts stands in for app/uplift's results: a guide uplift measured.
type dashUplifts []app.UpliftResult

func (u dashUplifts) Uplifts(_ context.Context, corpID int64, kind string, storeID int64) ([]app.UpliftResult, error) {
	var out []app.UpliftResult
	for _, r := range u {
		if r.CorpID == corpID && r.Kind == kind && r.StoreID == storeID {
			out = append(out, r)
		}
	}
	return out, nil
}

// dashSeed is what seedDashboards wrote that the console is wired with.
type dashSeed struct{ uplifts dashUplifts }

// saveDefaultRules saves the corp's first rule version, as the form's
// defaults would.
func saveDefaultRules(t *testing.T, g *root.Graph, corpID int64) *app.AttributionRules {
	r, _, err := g.Attribution.SaveRules(app.WithActor(context.Background(), "cli:test"), corpID, attribution.RulesInput{
		Precedence: []string{app.RuleOwner, app.RuleShare, app.RuleAdderFirst, app.RulePOSGuide, app.RuleStore}, ShareDays: 7,
		ProtectionDays: 30, AcquirerPct: 100, Binding: "permanent", CrossStore: true, LookbackDays: 30, HalfLifeDays: 7})
	require.NoError(t, err)
	return r
}

func dayBefore(days int) string {
	return time.Now().In(app.ZoneNamed("Asia/Shanghai")).AddDate(0, 0, -days).Format(time.DateOnly)
}
