package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/templates"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// chain is the console of one corp connected to a sandbox corp of its
// own, built by the composition root (so the directory reaches WeCom as
// in production): 徐汇店 with the manager m1 and the guide g1, 静安店
// with the guide g2, and console users alice (admin), olga (operator),
// ann (analyst) and m1 (store manager).
type chain struct {
	h      http.Handler
	g      *root.Graph
	d      *db.DB
	corp   *app.Corp
	sc     *sandbox.Corp
	stores map[string]int64 // by name
	guides map[string]int64 // by userid
	users  map[string]int64 // by username
}

func newChain(t *testing.T, d *db.DB) *chain {
	cfg := sandbox.NewCorpConfig(testkit.RandomName("ww"))
	sc, err := sb.AddCorp(cfg)
	require.NoError(t, err)
	rdb := testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded))
	g := root.New(d, rdb, root.Options{Log: testkit.Logger(t), Box: testkit.Box(t), Auth: auth.Options{BcryptCost: bcrypt.MinCost}})
	t.Cleanup(func() { g.Close() })
	c := &chain{g: g, d: d, sc: sc, stores: map[string]int64{}, guides: map[string]int64{}, users: map[string]int64{}}
	c.corp = &app.Corp{CorpID: cfg.CorpID, Name: "审计连锁", Timezone: "Asia/Shanghai", ContactSecret: cfg.ContactSecret}
	ctx := context.Background()
	require.NoError(t, g.Stores.Corps.CreateCorp(ctx, c.corp))
	for _, u := range [][2]string{{"alice", app.RoleAdmin}, {"olga", app.RoleOperator}, {"ann", app.RoleAnalyst}, {"m1", app.RoleStoreManager}} {
		a := &app.AdminUser{CorpID: c.corp.ID, Username: u[0], Role: u[1]}
		require.NoError(t, g.Auth.CreateAdmin(app.WithActor(ctx, "cli:admin"), a, consolePassword))
		c.users[u[0]] = a.ID
	}
	alice := c.as("alice")
	for _, st := range []string{"徐汇店", "静安店"} {
		s := &app.Store{CorpID: c.corp.ID, Code: map[string]string{"徐汇店": "XH", "静安店": "JA"}[st], Name: st}
		require.NoError(t, g.Org.CreateStore(alice, s))
		c.stores[st] = s.ID
	}
	for _, gd := range [][4]string{{"m1", "王店长", "XH", app.GuideRoleManager}, {"g1", "李导购", "XH", app.GuideRoleGuide}, {"g2", "赵导购", "JA", app.GuideRoleGuide}} {
		x := &app.Guide{CorpID: c.corp.ID, UserID: gd[0], Name: gd[1], StoreCode: gd[2], Role: gd[3]}
		require.NoError(t, g.Org.CreateGuide(alice, x))
		c.guides[gd[0]] = x.ID
	}
	pages, err := templates.Parse()
	require.NoError(t, err)
	c.h = api.New(g.API(api.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Pages: pages}))
	return c
}

// as is a context acting as console user name.
func (c *chain) as(name string) context.Context {
	return app.WithActor(context.Background(), "user:"+itoa(c.users[name]))
}

// pageSession is a console user signed in: their cookie and CSRF token.
type pageSession struct {
	h            http.Handler
	cookie, csrf string
}

func (c *chain) signIn(t *testing.T, user string) *pageSession {
	in, err := c.g.Auth.Login(context.Background(), c.corp.ID, user, consolePassword)
	require.NoError(t, err)
	s := &pageSession{h: c.h, cookie: api.ConsoleCookie + "=" + in.Token}
	page := s.get(t, "/console/", http.StatusOK)
	s.csrf = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`).FindStringSubmatch(page)[1]
	return s
}

func (s *pageSession) get(t *testing.T, path string, status int) string {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Cookie", s.cookie)
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, req)
	require.Equal(t, status, w.Code, "%s: %s", path, w.Body.String())
	return w.Body.String()
}

func (s *pageSession) post(t *testing.T, path string, form url.Values) *httptest.ResponseRecorder {
	form.Set("_csrf", s.csrf)
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", s.cookie)
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, req)
	return w
}
