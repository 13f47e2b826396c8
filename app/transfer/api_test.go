package transfer_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/templates"
)

const password = "console-password-1"

// console serves the JSON API on the stack's database with console users:
// admin alice, store managers m1 (S1) and m2 (S2), and x9, a store
// manager account no guide binding stands behind.
type console struct {
	h    http.Handler
	corp string
}

func newConsole(t *testing.T, s *stack.Stack) *console {
	ctx := context.Background()
	a := root.NewCore(s.DB, testkit.Box(t), auth.Options{BcryptCost: bcrypt.MinCost}).Auth
	for _, u := range []app.AdminUser{{Username: "alice", Role: app.RoleAdmin}, {Username: "m1", Role: app.RoleStoreManager},
		{Username: "m2", Role: app.RoleStoreManager}, {Username: "x9", Role: app.RoleStoreManager}} {
		u.CorpID = s.Corp.ID
		require.NoError(t, a.CreateAdmin(ctx, &u, password))
	}
	pages, err := templates.Parse()
	require.NoError(t, err)
	deps := s.API(api.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Pages: pages})
	deps.Auth = a
	h := api.New(deps)
	return &console{h: h, corp: s.Corp.CorpID}
}

// as calls the API as user and decodes the answer into a map.
func (c *console) as(t *testing.T, user, method, path, body string) (int, map[string]any) {
	login := httptest.NewRecorder()
	c.h.ServeHTTP(login, httptest.NewRequest("POST", "/api/v1/login", strings.NewReader(
		`{"corp_id":"`+c.corp+`","username":"`+user+`","password":"`+password+`"}`)))
	require.Equal(t, http.StatusOK, login.Code, login.Body.String())
	var in struct{ Token string }
	require.NoError(t, json.Unmarshal(login.Body.Bytes(), &in))
	req := httptest.NewRequest(method, "/api/v1/corps/"+c.corp+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+in.Token)
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	c.h.ServeHTTP(w, req)
	var out map[string]any
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &out), w.Body.String())
	return w.Code, out
}

func message(out map[string]any) string {
	e, _ := out["error"].(map[string]any)
	m, _ := e["message"].(string)
	return m
}

func TestTransferAPI(t *testing.T) {
	s := stack.Start(t, sb, stack.Options{Driver: config.DriverSQLite, RedisMode: config.RedisEmbedded})
	ch := newChain(t, s)
	ch.adds(t, "g1", 3)
	ch.adds(t, "h1", 2)
	s.Settle(t, 30*time.Second)
	c := newConsole(t, s)

	t.Run("ErrInvalid", func(t *testing.T) {
		code, out := c.as(t, "m1", "POST", "/transfers", `{"userid":"g1","rule":"everyone"}`)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Contains(t, message(out), "分配规则应为 round_robin")
		code, out = c.as(t, "alice", "POST", "/transfers", `{"userid":"g1","rule":"guide"}`)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Contains(t, message(out), "请填写接替导购")
		code, out = c.as(t, "alice", "POST", "/transfers", `{"userid":"g1","rule":"guide","takeover_userid":"nobody"}`)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Contains(t, message(out), "接替导购 nobody 不存在")
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		code, out := c.as(t, "m1", "POST", "/transfers", `{"userid":"h1","rule":"round_robin"}`)
		assert.Equal(t, http.StatusForbidden, code, "another store's guide")
		assert.Equal(t, "店长只能转接本店导购的客户", message(out))
		code, _ = c.as(t, "m1", "POST", "/transfers", `{"userid":"g1","rule":"guide","takeover_userid":"h2"}`)
		assert.Equal(t, http.StatusForbidden, code, "to another store's guide")
		code, out = c.as(t, "x9", "POST", "/transfers", `{"userid":"g1","rule":"round_robin"}`)
		assert.Equal(t, http.StatusForbidden, code)
		assert.Contains(t, message(out), "不是在职店长")
	})

	var id float64
	t.Run("OK", func(t *testing.T) {
		code, out := c.as(t, "m1", "POST", "/transfers", `{"userid":"g1","rule":"round_robin","message":"您好"}`)
		require.Equal(t, http.StatusCreated, code, out)
		id = out["id"].(float64)
		assert.Equal(t, "on_job", out["mode"])
		assert.EqualValues(t, 3, out["progress"].(map[string]any)["total"])
		s.Settle(t, 30*time.Second)

		code, out = c.as(t, "m1", "GET", "/transfers/"+itoa(id), "")
		require.Equal(t, http.StatusOK, code)
		assert.EqualValues(t, 3, out["progress"].(map[string]any)["waiting"])
		code, out = c.as(t, "m1", "GET", "/transfers/"+itoa(id)+"/items?state=waiting", "")
		require.Equal(t, http.StatusOK, code)
		assert.Len(t, out["items"], 3)
		code, out = c.as(t, "alice", "GET", "/transfers", "")
		require.Equal(t, http.StatusOK, code)
		assert.Len(t, out["items"], 1)
	})
	t.Run("ErrConflict", func(t *testing.T) {
		code, out := c.as(t, "alice", "POST", "/transfers", `{"userid":"g1","rule":"round_robin"}`)
		assert.Equal(t, http.StatusConflict, code)
		assert.Contains(t, message(out), "已有进行中的转接任务")
	})
	t.Run("OtherStore", func(t *testing.T) {
		code, out := c.as(t, "m2", "GET", "/transfers", "")
		require.Equal(t, http.StatusOK, code)
		assert.Empty(t, out["items"], "m2 sees only S2's transfers")
		code, _ = c.as(t, "m2", "GET", "/transfers/"+itoa(id), "")
		assert.Equal(t, http.StatusNotFound, code)
	})
	t.Run("Audited", func(t *testing.T) {
		es, err := db.NewAuditStore(s.DB).ListAudit(context.Background(), app.AuditFilter{CorpID: s.Corp.ID, TargetType: "transfer"})
		require.NoError(t, err)
		require.Len(t, es, 1)
		assert.Equal(t, "transfer.start", es[0].Action)
		assert.True(t, strings.HasPrefix(es[0].Actor, "user:"), es[0].Actor)
	})
}

func itoa(f float64) string { return strconv.FormatInt(int64(f), 10) }
