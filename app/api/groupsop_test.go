package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// Group SOPs through the API: every refusal at once (a mass send is not
// one: the capability is wired), the live group count, an edit keeping step ids,
// pause and resume, an empty report and a SOP not found.
func TestGroupSOPAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga := c.login(t, "wwa", "olga")
		base := "/api/v1/corps/wwa/group-sops"
		dir, now := db.NewDirectoryStore(d), time.Now().UTC()
		for i := range 5 {
			g := &app.Group{CorpID: c.corpA, ChatID: fmt.Sprint("wr", i), Name: []string{"福利群", "新品群"}[i%2] + fmt.Sprint(i), Owner: "g1", CreateTime: &now}
			require.NoError(t, dir.SyncGroup(context.Background(), g, nil, now))
		}
		w := send(c.h, "POST", base, `{"name":"","steps":[{"kind":"weekly","weekday":9,"at":"25:00","content":"x","mass_send":true}]}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
		for _, want := range []string{"请填写社群SOP名称", "第 1 步：请选择星期几", "第 1 步：请填写发送时间"} {
			assert.Contains(t, w.Body.String(), want)
		}
		assert.NotContains(t, w.Body.String(), "群发", "a group mass send is accepted: the capability is wired")
		w = send(c.h, "POST", base+"/count", `{"name_contains":"福利"}`, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, float64(3), decode[map[string]any](t, w)["groups"])

		w = send(c.h, "POST", base, `{"name":"周一早安","selection":{"owners":["g1"]},"steps":[{"kind":"weekly","weekday":1,"at":"09:00","content":"早安"},{"kind":"after_create","days":3,"at":"20:00","content":"欢迎"}]}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		sop := decode[map[string]any](t, w)
		path := fmt.Sprintf("%s/%v", base, sop["id"])
		assert.Equal(t, "active", sop["status"])

		w = send(c.h, "PUT", path, `{"name":"周一早安","steps":[{"id":2,"kind":"after_create","days":4,"at":"20:00","content":"欢迎"},{"kind":"date","date":"2027-01-01","at":"10:00","content":"新年好"}]}`, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		steps := decode[map[string]any](t, w)["steps"].([]any)
		assert.Equal(t, float64(2), steps[0].(map[string]any)["id"], "a kept step keeps its id")
		assert.Equal(t, float64(3), steps[1].(map[string]any)["id"], "a new step takes the next id, never a deleted one's")

		w = send(c.h, "POST", path+"/pause", "", olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, "paused", decode[map[string]any](t, w)["status"])
		w = send(c.h, "POST", path+"/resume", "", olga...)
		assert.Equal(t, "active", decode[map[string]any](t, w)["status"])
		w = send(c.h, "GET", path+"/report", "", olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.JSONEq(t, `{"items":[]}`, w.Body.String())
		w = send(c.h, "GET", base, "", olga...)
		assert.Len(t, decode[map[string][]any](t, w)["items"], 1)
		w = send(c.h, "GET", base+"/999999", "", olga...)
		assert.Equal(t, http.StatusNotFound, w.Code)
		w = send(c.h, "POST", base, `{"name":"群发早安","selection":{"owners":["g9"]},"steps":[{"kind":"weekly","weekday":1,"at":"09:00","content":"早安","mass_send":true}]}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	})
}
