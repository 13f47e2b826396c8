package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/channel"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/templates"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

const consolePassword = "console-password-1"

// console is the whole JSON API on d: corps wwa and wwb, an admin, an
// operator and a store manager of wwa and an admin of wwb.
type console struct {
	h     *gin.Engine
	d     *db.DB
	corpA int64
	sc    *sandbox.Corp // stands in for wwa in WeCom
	g     *root.Graph
}

func newConsole(t *testing.T, d *db.DB) *console {
	ctx := context.Background()
	corps := db.NewCorpStore(d, testkit.Box(t))
	ids := map[string]int64{}
	for _, id := range []string{"wwa", "wwb"} {
		c := &app.Corp{CorpID: id, Name: "控制台" + id}
		require.NoError(t, corps.CreateCorp(ctx, c))
		ids[id] = c.ID
	}
	sc, rdb, clients := sandboxClients(t)
	g := root.New(d, rdb, root.Options{Log: testkit.Logger(t), Box: testkit.Box(t), Auth: auth.Options{BcryptCost: bcrypt.MinCost}})
	t.Cleanup(func() { g.Close() })
	a := g.Auth
	for _, u := range []app.AdminUser{{CorpID: ids["wwa"], Username: "alice", Role: app.RoleAdmin},
		{CorpID: ids["wwa"], Username: "olga", Role: app.RoleOperator}, {CorpID: ids["wwa"], Username: "sam", Role: app.RoleStoreManager},
		{CorpID: ids["wwb"], Username: "bob", Role: app.RoleAdmin}} {
		require.NoError(t, a.CreateAdmin(ctx, &u, consolePassword))
	}
	pages, err := templates.Parse()
	require.NoError(t, err)
	deps := g.API(api.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Pages: pages, APIToken: apiToken})
	cd := g.ChannelDeps()
	cd.Clients = clients
	deps.Channels = channel.New(cd, channel.Options{Log: testkit.Logger(t), QR: channel.QROptions{Bases: []string{sbURL}}})
	h := api.New(deps)
	return &console{h: h, d: d, corpA: ids["wwa"], sc: sc, g: g}
}

// send calls the API with a JSON body (when body is not "") and headers.
func send(h http.Handler, method, path, body string, hdr ...string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// login signs a user of corp in and returns the bearer header pair.
func (c *console) login(t *testing.T, corp, user string) []string {
	w := send(c.h, "POST", "/api/v1/login", `{"corp_id":"`+corp+`","username":"`+user+`","password":"`+consolePassword+`"}`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var in struct{ Token string }
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &in))
	return []string{"Authorization", "Bearer " + in.Token}
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &v), w.Body.String())
	return v
}

func TestConsoleLogin(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		for _, body := range []string{
			`{"corp_id":"wwa","username":"alice","password":"wrong-password"}`,
			`{"corp_id":"wwb","username":"alice","password":"` + consolePassword + `"}`,
			`{"corp_id":"wwnobody","username":"alice","password":"` + consolePassword + `"}`,
		} {
			w := send(c.h, "POST", "/api/v1/login", body)
			assert.Equal(t, http.StatusUnauthorized, w.Code, body)
			assert.Equal(t, "用户名或密码错误", decodeError(t, w).Message, "one answer whatever was wrong")
		}
		w := send(c.h, "POST", "/api/v1/login", `{"corp_id":"wwa","username":"alice","password":"`+consolePassword+`"}`)
		require.Equal(t, http.StatusOK, w.Code)
		in := decode[map[string]any](t, w)
		assert.Equal(t, "admin", in["role"])
		cookie := w.Result().Cookies()[0]
		assert.Equal(t, api.SessionCookie, cookie.Name)
		assert.Equal(t, in["token"], cookie.Value)
		assert.True(t, cookie.HttpOnly)
		assert.Equal(t, http.SameSiteStrictMode, cookie.SameSite)

		bearer := []string{"Authorization", "Bearer " + in["token"].(string)}
		me := decode[map[string]any](t, send(c.h, "GET", "/api/v1/me", "", bearer...))
		assert.Equal(t, map[string]any{"corp_id": "wwa", "role": "admin", "name": "alice", "actor": me["actor"]}, me)
		asCookie := []string{"Cookie", api.SessionCookie + "=" + cookie.Value}
		assert.Equal(t, http.StatusOK, send(c.h, "GET", "/api/v1/corps/wwa/stores", "", asCookie...).Code)

		t.Run("CookieWritesNeedSameOrigin", func(t *testing.T) {
			w := send(c.h, "POST", "/api/v1/corps/wwa/brands", `{"name":"跨站"}`, asCookie...)
			assert.Equal(t, http.StatusForbidden, w.Code, "no Origin: refused")
			w = send(c.h, "POST", "/api/v1/corps/wwa/brands", `{"name":"跨站"}`, append(asCookie, "Origin", "https://evil.example")...)
			assert.Equal(t, http.StatusForbidden, w.Code)
			w = send(c.h, "POST", "/api/v1/corps/wwa/brands", `{"name":"同站"}`, append(asCookie, "Origin", "http://example.com")...)
			assert.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		})
		t.Run("Logout", func(t *testing.T) {
			assert.Equal(t, http.StatusNoContent, send(c.h, "POST", "/api/v1/logout", "", bearer...).Code)
			assert.Equal(t, http.StatusUnauthorized, send(c.h, "GET", "/api/v1/me", "", bearer...).Code)
			assert.Equal(t, http.StatusUnauthorized, send(c.h, "GET", "/api/v1/me", "", asCookie...).Code, "the same session")
			assert.Equal(t, http.StatusNoContent, send(c.h, "POST", "/api/v1/logout", "").Code, "twice is fine")
		})
	})
}

// A console user or token reaches its own corp only: another corp's
// routes answer 403 whether or not that corp exists, and its list of corps
// holds its own. The deployment token still reaches every corp.
func TestConsoleCorpScope(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		alice := c.login(t, "wwa", "alice")
		global := []string{"Authorization", "Bearer " + apiToken}
		require.Equal(t, http.StatusCreated, send(c.h, "POST", "/api/v1/corps/wwb/stores", `{"code":"B1","name":"乙店"}`, global...).Code)
		for _, path := range []string{"/api/v1/corps/wwb/stores", "/api/v1/corps/wwb/stores/1", "/api/v1/corps/wwb/customers",
			"/api/v1/corps/wwb/tokens", "/api/v1/corps/wwnobody/stores"} {
			w := send(c.h, "GET", path, "", alice...)
			assert.Equal(t, http.StatusForbidden, w.Code, path)
			assert.Equal(t, app.EFORBIDDEN, decodeError(t, w).Code, path)
		}
		w := send(c.h, "PATCH", "/api/v1/corps/wwb/stores/1", `{"name":"改名"}`, alice...)
		assert.Equal(t, http.StatusForbidden, w.Code)
		var corps []map[string]string
		next := listOf(t, send(c.h, "GET", "/api/v1/corps", "", alice...), &corps)
		assert.Zero(t, next)
		assert.Equal(t, []map[string]string{{"corp_id": "wwa", "name": "控制台wwa", "timezone": "Asia/Shanghai"}}, corps)

		var stores []map[string]any
		listOf(t, send(c.h, "GET", "/api/v1/corps/wwb/stores", "", global...), &stores)
		assert.Len(t, stores, 1, "the deployment token reaches every corp")
		listOf(t, send(c.h, "GET", "/api/v1/corps", "", global...), &corps)
		assert.Len(t, corps, 2)
		bob := c.login(t, "wwb", "bob")
		listOf(t, send(c.h, "GET", "/api/v1/corps/wwb/stores", "", bob...), &stores)
		assert.Len(t, stores, 1)
		assert.Equal(t, http.StatusNotFound, send(c.h, "GET", "/api/v1/corps/wwa/stores/"+itoa(int64(stores[0]["id"].(float64))), "", alice...).Code,
			"another corp's store id under one's own corp is simply not found")
	})
}

func TestConsoleRolesAndTokens(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		sam, olga, alice := c.login(t, "wwa", "sam"), c.login(t, "wwa", "olga"), c.login(t, "wwa", "alice")
		assert.Equal(t, http.StatusOK, send(c.h, "GET", "/api/v1/corps/wwa/stores", "", sam...).Code, "a store manager reads")
		w := send(c.h, "POST", "/api/v1/corps/wwa/stores", `{"code":"A1","name":"甲店"}`, sam...)
		assert.Equal(t, http.StatusForbidden, w.Code, "but does not change")
		assert.Equal(t, http.StatusCreated, send(c.h, "POST", "/api/v1/corps/wwa/stores", `{"code":"A1","name":"甲店"}`, olga...).Code)
		assert.Equal(t, http.StatusForbidden, send(c.h, "GET", "/api/v1/corps/wwa/tokens", "", olga...).Code, "tokens are for admins")

		w = send(c.h, "POST", "/api/v1/corps/wwa/tokens", `{"name":"ERP","role":"operator"}`, alice...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
		tok := decode[map[string]any](t, w)
		secret := tok["token"].(string)
		assert.True(t, strings.HasPrefix(secret, auth.TokenPrefix))
		erp := []string{"Authorization", "Bearer " + secret}
		assert.Equal(t, http.StatusCreated, send(c.h, "POST", "/api/v1/corps/wwa/brands", `{"name":"ERP 品牌"}`, erp...).Code)
		assert.Equal(t, http.StatusForbidden, send(c.h, "GET", "/api/v1/corps/wwb/stores", "", erp...).Code)

		var tokens []map[string]any
		listOf(t, send(c.h, "GET", "/api/v1/corps/wwa/tokens", "", alice...), &tokens)
		require.Len(t, tokens, 1)
		assert.NotContains(t, tokens[0], "token", "never shown again")
		id := itoa(int64(tokens[0]["id"].(float64)))
		assert.Equal(t, http.StatusForbidden, send(c.h, "DELETE", "/api/v1/corps/wwb/tokens/"+id, "", alice...).Code)
		assert.Equal(t, http.StatusNoContent, send(c.h, "DELETE", "/api/v1/corps/wwa/tokens/"+id, "", alice...).Code)
		assert.Equal(t, http.StatusUnauthorized, send(c.h, "GET", "/api/v1/corps/wwa/stores", "", erp...).Code, "revoked")

		es, err := db.NewAuditStore(d).ListAudit(context.Background(), app.AuditFilter{CorpID: c.corpA, TargetType: "brand"})
		require.NoError(t, err)
		require.Len(t, es, 1)
		assert.Equal(t, "token:"+id, es[0].Actor, "the audit names the token that acted")
	})
}

// listOf decodes a list answer into items and returns its next cursor.
func listOf(t *testing.T, w *httptest.ResponseRecorder, items any) int64 {
	t.Helper()
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var body struct {
		Items json.RawMessage `json:"items"`
		Next  int64           `json:"next"`
	}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
	require.NoError(t, json.Unmarshal(body.Items, items))
	return body.Next
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
