package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/reward"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// Rewards through the API: refusals at once, an import reporting its bad
// lines, stock added to a gift, grants listed, operators only for writes,
// and another corp's reward not found.
func TestRewardAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga, sam := c.login(t, "wwa", "olga"), c.login(t, "wwa", "sam")
		base := "/api/v1/corps/wwa/rewards"
		w := send(c.h, "POST", base, `{"name":"","kind":"cash","cost_cents":-1}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
		assert.Len(t, decode[map[string]map[string]any](t, w)["error"]["fields"], 3)
		w = send(c.h, "POST", base, `{"name":"满100减20券","kind":"coupon","cost_cents":2000}`, sam...)
		require.Equal(t, http.StatusForbidden, w.Code, "a store manager reads only")
		w = send(c.h, "POST", base, `{"name":"满100减20券","kind":"coupon","cost_cents":2000}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		id := decode[app.Reward](t, w).ID

		w = send(c.h, "POST", fmt.Sprintf("%s/%d/codes", base, id), `{"codes":["C1"]}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), "每行一个券码")
		w = sendText(c.h, "POST", fmt.Sprintf("%s/%d/codes", base, id), "C1\nC2\nC1\nC 3\n", olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		res := decode[app.CodeImport](t, w)
		assert.Equal(t, 2, res.Added)
		assert.Equal(t, []app.CodeLine{{Line: 3, Code: "C1", Reason: "与第 1 行重复"}, {Line: 4, Code: "C 3", Reason: "券码不能包含空格或控制字符"}}, res.Skipped)
		w = send(c.h, "GET", fmt.Sprintf("%s/%d", base, id), "", sam...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.EqualValues(t, 2, decode[app.Reward](t, w).StockLeft)

		_, err := c.rewards(t).Grant(t.Context(), app.GrantRequest{CorpID: c.corpA, RewardID: id, Key: "rf:1", ExternalUserID: "wm1"})
		require.NoError(t, err)
		w = send(c.h, "GET", fmt.Sprintf("%s/%d/grants", base, id), "", sam...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		grants := decode[struct {
			Items []app.RewardGrant
			Total int64
		}](t, w)
		require.EqualValues(t, 1, grants.Total)
		assert.Equal(t, "C1", grants.Items[0].Code)

		w = send(c.h, "PATCH", fmt.Sprintf("%s/%d", base, id), `{"add_stock":5}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), "请导入券码")
		w = send(c.h, "PATCH", fmt.Sprintf("%s/%d", base, id), `{"name":"满100减25券","status":"paused"}`, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, app.RewardPaused, decode[app.Reward](t, w).Status)

		w = send(c.h, "GET", fmt.Sprintf("/api/v1/corps/wwb/rewards/%d", id), "", c.login(t, "wwb", "bob")...)
		assert.Equal(t, http.StatusNotFound, w.Code, "scoped by corp")
		w = send(c.h, "GET", base, "", sam...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), `"stock_left":1`)
	})
}

// rewards is the rewards capability on the console's database, to grant
// as a referral campaign would.
func (c *console) rewards(t *testing.T) *reward.Service {
	return root.NewCore(c.d, testkit.Box(t), auth.Options{}).Rewards
}

// sendText calls the API with a plain-text body.
func sendText(h http.Handler, method, path, body string, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}
