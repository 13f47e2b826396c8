package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/panel"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/templates"
)

// BenchmarkPanelCustomerPage measures the side panel's customer page on
// MariaDB holding 1,000,000 customers (each followed by one of 100 guides
// in 10 stores, with an owner and an assignment record): 100 guides at
// once, each opening a page of one of their own customers every 500 ms
// (200 pages a second in all, far more than guides chatting do) through
// the real router (session check, access rule, directory, owner, history,
// tasks, template). "saturated" has the same 100 guides open pages back
// to back: the most pages a second this machine serves. "ceiling" is a
// bare Gin handler under both loads in the same run. Under CI the table
// holds 20,000 customers and the runs are shorter, so the one pass
// scripts/test makes stays short.
func BenchmarkPanelCustomerPage(top *testing.B) {
	customers, rounds := 1_000_000, 60
	if os.Getenv("CI") != "" {
		customers, rounds = 20_000, 10
	}
	const guides, every = 100, 500 * time.Millisecond
	requests := guides * rounds
	top.Run("ceiling", func(b *testing.B) {
		gin.SetMode(gin.ReleaseMode)
		r := gin.New()
		r.GET("/panel/customer", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
		for b.Loop() {
			pagesLoad(b, r, guides, requests, every, func(int) (string, string) { return "/panel/customer", "" })
		}
	})
	top.Run("ceiling-saturated", func(b *testing.B) {
		r := gin.New()
		r.GET("/panel/customer", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
		for b.Loop() {
			pagesLoad(b, r, guides, requests, 0, func(int) (string, string) { return "/panel/customer", "" })
		}
	})
	var h http.Handler
	var page func(int) (string, string)
	// The seeded database belongs to the parent benchmark, so both runs
	// of Siyu share it.
	setup := func() {
		if h != nil {
			return
		}
		d := testkit.MigratedDB(top, config.DriverMySQL)
		corp := seedPanel(top, d, customers, guides)
		var sign func(app.PanelViewer) string
		h, sign = panelRouter(top, d)
		cookies := make([]string, guides)
		for g := range guides {
			cookies[g] = sign(app.PanelViewer{CorpID: corp.ID, WeComCorp: corp.CorpID, UserID: fmt.Sprintf("pg%03d", g)})
		}
		page = func(i int) (string, string) {
			g, n := i%guides, (i*7919)%(customers/guides)
			return fmt.Sprintf("/panel/customer?external_userid=wmp%07d", n*guides+g), "siyu_panel=" + cookies[g]
		}
	}
	top.Run("siyu", func(b *testing.B) {
		setup()
		for b.Loop() {
			pagesLoad(b, h, guides, requests, every, page)
		}
	})
	top.Run("siyu-saturated", func(b *testing.B) {
		setup()
		for b.Loop() {
			pagesLoad(b, h, guides, requests, 0, page)
		}
	})
}

// panelRouter is Siyu's router with the panel on d, and a session minter.
func panelRouter(b *testing.B, d *db.DB) (http.Handler, func(app.PanelViewer) string) {
	g := root.New(d, testkit.OpenRedis(b, testkit.RedisConfig(b, config.RedisEmbedded)), root.Options{Log: testkit.Logger(b), Box: testkit.Box(b)})
	b.Cleanup(func() { g.Close() })
	svc := g.Panel(panel.Config{PublicURL: "http://127.0.0.1"})
	signer := panel.NewSigner(panel.DeriveKey([]byte("benchmark deployment key 32 byte")))
	pages, err := templates.Parse()
	require.NoError(b, err)
	h := api.New(api.Deps{Log: testkit.Logger(b), Metrics: metrics.New(), Pages: pages,
		Panel: api.PanelDeps{Service: svc, Signer: signer, SessionTTL: time.Hour}})
	return h, func(v app.PanelViewer) string {
		s, err := signer.Sign(panel.PurposeSession, v, time.Hour)
		require.NoError(b, err)
		return s
	}
}

// pagesLoad sends requests GETs from clients goroutines at once, each
// starting one every `every` (0: back to back), and reports pages/s and
// p50/p99; page(i) gives request i's path and Cookie header.
func pagesLoad(b *testing.B, h http.Handler, clients, requests int, every time.Duration, page func(int) (string, string)) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	lat := make([]time.Duration, requests)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			time.Sleep(every * time.Duration(c) / time.Duration(clients)) // spread the guides over the period
			next := time.Now()
			for i := c; i < requests; i += clients {
				time.Sleep(time.Until(next))
				next = next.Add(every)
				path, cookie := page(i)
				req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
				if cookie != "" {
					req.Header.Set("Cookie", cookie)
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Errorf("GET %s: %v %v", path, err, resp)
					return
				}
				resp.Body.Close()
				lat[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	testkit.Summarise(lat, time.Since(start)).Report(b, "pages/s")
}

// seedPanel writes customers customers of a new corp, customer n followed
// and owned by guide n mod guides (10 guides a store), with one history
// row each, in multi-row INSERTs.
func seedPanel(b *testing.B, d *db.DB, customers, guides int) *app.Corp {
	ctx := context.Background()
	corp := &app.Corp{CorpID: testkit.RandomName("wwp"), Name: "百万客户", Timezone: "Asia/Shanghai"}
	require.NoError(b, db.NewCorpStore(d, testkit.Box(b)).CreateCorp(ctx, corp))
	org := db.NewOrgStore(d)
	stores := make([]int64, guides/10)
	for i := range stores {
		st := &app.Store{CorpID: corp.ID, Code: fmt.Sprintf("P%02d", i), Name: fmt.Sprintf("门店%02d", i), Kind: app.StoreKindStore, Status: app.StoreOpen}
		require.NoError(b, org.CreateStore(ctx, st))
		stores[i] = st.ID
	}
	for g := range guides {
		require.NoError(b, org.CreateGuide(ctx, &app.Guide{CorpID: corp.ID, UserID: fmt.Sprintf("pg%03d", g), StoreID: stores[g/10], Role: app.GuideRoleGuide, Status: app.GuideActive}))
	}
	now := time.Now().UTC().Format("2006-01-02 15:04:05")
	rows := func(table, cols string, row func(n int) string) {
		for from := 0; from < customers; from += 5000 {
			var sb strings.Builder
			for n := from; n < min(from+5000, customers); n++ {
				if n > from {
					sb.WriteByte(',')
				}
				sb.WriteString(row(n))
			}
			_, err := d.SQL().Exec("INSERT INTO " + table + " (" + cols + ") VALUES " + sb.String())
			require.NoError(b, err)
		}
	}
	rows("customers", "corp_id, external_userid, name, type, created_at, updated_at", func(n int) string {
		return fmt.Sprintf("(%d,'wmp%07d','客户%d',1,'%s','%s')", corp.ID, n, n, now, now)
	})
	rows("follows", "corp_id, userid, external_userid, remark, add_time, state, created_at, updated_at", func(n int) string {
		return fmt.Sprintf("(%d,'pg%03d','wmp%07d','备注%d','%s','c1','%s','%s')", corp.ID, n%guides, n, n, now, now, now)
	})
	rows("customer_owners", "corp_id, scope, external_userid, userid, store_id, status, assigned_at, updated_at", func(n int) string {
		return fmt.Sprintf("(%d,0,'wmp%07d','pg%03d',%d,'assigned','%s','%s')", corp.ID, n, n%guides, stores[(n%guides)/10], now, now)
	})
	rows("assignments", "corp_id, scope, external_userid, to_userid, to_store_id, rule, reason, actor, event_key, created_at", func(n int) string {
		return fmt.Sprintf("(%d,0,'wmp%07d','pg%03d',%d,'channel_user','客户添加的导购','system:assign','seed%07d','%s')", corp.ID, n, n%guides, stores[(n%guides)/10], n, now)
	})
	return corp
}
