package seed_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/templates"
)

// Dashboard pages and periods the managers open, and the load: 20
// managers each opening a page a second ("paced", as people do) or back
// to back ("saturated", the most this machine serves).
var (
	dashPaths   = []string{"/overview", "/guides", "/stores", "/credits", "/assets", "/channels", "/referrals", "/execution", "/uplift"}
	dashPeriods = []string{"7", "30", "90"}
)

const managers = 20

// loads are the two paces every part of "pages" runs at.
var loads = []struct {
	name  string
	every time.Duration
}{{"paced", time.Second}, {"saturated", 0}}

// benchPages measures the dashboard pages, a bare Gin handler and the
// raw SUM over daily_stats under the same loads.
func benchPages(top *testing.B, get func() *dashRig) {
	rounds := 30
	if os.Getenv("CI") != "" {
		rounds = 3
	}
	requests := managers * rounds
	for _, l := range loads {
		top.Run("pages/ceiling-gin-"+l.name, func(b *testing.B) {
			gin.SetMode(gin.ReleaseMode)
			r := gin.New()
			r.GET("/console/dash/overview", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
			for b.Loop() {
				httpLoad(b, r, requests, l.every, func(int) (string, string) { return "/console/dash/overview", "" })
			}
		})
		top.Run("pages/ceiling-sql-"+l.name, func(b *testing.B) {
			rig := get()
			rig.aggregate(b)
			for b.Loop() {
				testkit.Paced(b, managers, requests, l.every, func(i int) error { return rig.rawSum(i) }).Report(b, "sums/s")
			}
		})
		top.Run("pages/siyu-"+l.name, func(b *testing.B) {
			rig := get()
			rig.aggregate(b)
			h, cookies := rig.console(b)
			for b.Loop() {
				httpLoad(b, h, requests, l.every, func(i int) (string, string) {
					return fmt.Sprintf("/console/dash%s?period=%s", dashPaths[i%len(dashPaths)], dashPeriods[(i/len(dashPaths))%len(dashPeriods)]),
						cookies[i%len(cookies)]
				})
			}
		})
	}
}

// httpLoad serves h on loopback and GETs page(i) (path, cookie) from the
// managers under the load, failing on any answer but 200.
func httpLoad(b *testing.B, h http.Handler, requests int, every time.Duration, page func(int) (string, string)) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: managers}}
	defer client.CloseIdleConnections()
	testkit.Paced(b, managers, requests, every, func(i int) error {
		path, cookie := page(i)
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", path, resp.Status)
		}
		return nil
	}).Report(b, "pages/s")
}

// rawSum is request i's ceiling: the period's sums of one dimension's
// rows straight from daily_stats (a store's rows for a store manager).
func (r *dashRig) rawSum(i int) error {
	dims := []string{app.StatCorp, app.StatGuide, app.StatStore, app.StatChannel}
	days := []int{7, 30, 90}[(i/len(dims))%3]
	to, _ := time.ParseInLocation(time.DateOnly, r.s.to, r.s.zone)
	q := `SELECT dim_key, store_id, SUM(adds), SUM(ends), SUM(removals), SUM(welcomes), SUM(welcomes_sent), SUM(tasks_due), SUM(tasks_done),
		SUM(tasks_overdue), SUM(ms_tasks), SUM(ms_confirmed), SUM(orders), SUM(sales_cents), SUM(refund_cents), SUM(first_orders), SUM(helps)
		FROM daily_stats WHERE corp_id = ? AND dim = ? AND day >= ? AND day <= ?`
	args := []any{r.s.corp.ID, dims[i%len(dims)], to.AddDate(0, 0, 1-days).Format(time.DateOnly), r.s.to}
	if i%3 == 2 {
		q += " AND store_id = ?"
		args = append(args, r.stores[i%len(r.stores)])
	}
	rows, err := r.d.SQL().Query(q+" GROUP BY dim_key, store_id", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

// console is Siyu's router with the console on the rig's database, and
// the session cookies of its managers: admins, analysts and store
// managers of the first stores (guides sdgNNN0).
func (r *dashRig) console(b *testing.B) (http.Handler, []string) {
	if r.handler != nil {
		return r.handler, r.cookies
	}
	ctx := context.Background()
	g := root.New(r.d, testkit.OpenRedis(b, testkit.RedisConfig(b, config.RedisEmbedded)),
		root.Options{Log: testkit.Logger(b), Box: testkit.Box(b), Auth: auth.Options{BcryptCost: bcrypt.MinCost}})
	b.Cleanup(func() { g.Close() })
	var cookies []string
	for m := range managers {
		user, role := fmt.Sprintf("sdg%03d0", m/3+1), app.RoleStoreManager // the manager of store SDnnn
		switch {
		case m%3 == 0:
			user, role = fmt.Sprintf("admin%d", m), app.RoleAdmin
		case m%3 == 1 || m/3 >= len(r.stores):
			user, role = fmt.Sprintf("analyst%d", m), app.RoleAnalyst
		}
		err := g.Auth.CreateAdmin(ctx, &app.AdminUser{CorpID: r.s.corp.ID, Username: user, Role: role}, "bench-password-1")
		if app.ErrorCode(err) != app.ECONFLICT { // a reused database has them from an earlier run
			require.NoError(b, err)
		}
		in, err := g.Auth.Login(ctx, r.s.corp.ID, user, "bench-password-1")
		require.NoError(b, err)
		cookies = append(cookies, api.ConsoleCookie+"="+in.Token)
	}
	pages, err := templates.Parse()
	require.NoError(b, err)
	r.handler, r.cookies = api.New(g.API(api.Deps{Log: testkit.Logger(b), Metrics: metrics.New(), Pages: pages})), cookies
	return r.handler, r.cookies
}
