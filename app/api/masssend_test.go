package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/templates"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// massWorld is a running Siyu (worker included) with store 徐汇店 and
// guides g1 (3 customers) and g2 (2), each their customers' owner, and
// the JSON API in front of it.
type massWorld struct {
	*stack.Stack
	h         http.Handler
	ctx       context.Context
	customers map[string][]string
}

func newMassWorld(t *testing.T, driver, redis string) *massWorld {
	s := stack.Start(t, sb, stack.Options{Driver: driver, RedisMode: redis})
	s.SC.Clock().Set(time.Now())
	w := &massWorld{Stack: s, ctx: app.WithActor(context.Background(), "cli:test"), customers: map[string][]string{}}
	st := &app.Store{CorpID: s.Corp.ID, Code: "S1", Name: "徐汇店", Kind: app.StoreKindStore, Status: app.StoreOpen}
	require.NoError(t, s.Org.CreateStore(w.ctx, st))
	for u, n := range map[string]int{"g1": 3, "g2": 2} {
		name := map[string]string{"g1": "李导购", "g2": "赵导购"}[u]
		require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: u, Name: name, ContactEnabled: true}))
		require.NoError(t, s.Org.CreateGuide(w.ctx, &app.Guide{CorpID: s.Corp.ID, UserID: u, Name: name, StoreCode: "S1", Role: app.GuideRoleGuide, Status: app.GuideActive}))
		for range n {
			a, err := s.SC.CustomerAdds(sandbox.Add{UserID: u})
			require.NoError(t, err)
			w.customers[u] = append(w.customers[u], a.ExternalUserID)
		}
	}
	s.Settle(t, 30*time.Second)
	pages, err := templates.Parse()
	require.NoError(t, err)
	w.h = api.New(s.API(api.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Pages: pages, APIToken: apiToken}))
	return w
}

// call calls the API with the deployment's token and decodes the answer
// into out (when not nil), checking the status.
func (w *massWorld) call(t *testing.T, method, path, body string, status int, out any) {
	t.Helper()
	r := send(w.h, method, "/api/v1/corps/"+w.Corp.CorpID+path, body, "Authorization", "Bearer "+apiToken)
	require.Equal(t, status, r.Code, "%s %s: %s", method, path, r.Body.String())
	if out != nil {
		require.NoError(t, json.Unmarshal(r.Body.Bytes(), out))
	}
}

// massSend is the part of the send's JSON the tests read.
type massSend struct {
	ID            int64  `json:"id"`
	Status        string `json:"status"`
	RemindersLeft *int64 `json:"reminders_left"`
	Counts        struct {
		Targeted, Excluded int64
	} `json:"counts"`
}

// create posts a draft to the listed customers plus one nobody owns.
func (w *massWorld) create(t *testing.T, name string) massSend {
	exts := append(append([]string{"wm-nobody"}, w.customers["g1"]...), w.customers["g2"]...)
	body, err := json.Marshal(map[string]any{"name": name, "text": "会员日：" + name, "draft": true,
		"audience":    map[string]any{"kind": "list", "external_userids": exts},
		"attachments": []map[string]any{{"msgtype": "link", "link": map[string]string{"title": "活动", "url": "https://example.com/a"}}}})
	require.NoError(t, err)
	var ms massSend
	w.call(t, "POST", "/mass-sends", string(body), http.StatusCreated, &ms)
	assert.Equal(t, app.MassSendDraft, ms.Status)
	return ms
}

// started starts the draft and waits for the worker to create its tasks
// in the sandbox.
func (w *massWorld) started(t *testing.T, ms massSend) {
	w.call(t, "POST", fmt.Sprintf("/mass-sends/%d/start", ms.ID), "", http.StatusOK, &ms)
	path := fmt.Sprintf("/mass-sends/%d", ms.ID)
	for deadline := time.Now().Add(20 * time.Second); ms.Status != app.MassSendTracking; time.Sleep(50 * time.Millisecond) {
		require.True(t, time.Now().Before(deadline), "the worker did not create the tasks: %s", ms.Status)
		w.call(t, "GET", path, "", http.StatusOK, &ms)
	}
}

// confirm has guide u send their sandbox task of the send named text.
func (w *massWorld) confirm(t *testing.T, text, u string) {
	for _, m := range w.SC.MassSends() {
		if m.Text == text && m.Tasks[0].UserID == u {
			require.NoError(t, w.SC.MemberConfirmsMassSend(m.MsgID, u))
		}
	}
}

func eachMassWorld(t *testing.T, fn func(t *testing.T, w *massWorld)) {
	for _, c := range []struct{ driver, redis string }{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(c.driver, func(t *testing.T) { fn(t, newMassWorld(t, c.driver, c.redis)) })
	}
}

// A send through the API: every refused field at once; a draft's preview
// (recipients per guide by name, the one nobody owns excluded); started,
// the worker creates one task per guide; g1 confirms in the sandbox and,
// once followed, the progress says so per guide and the results per
// customer; a reminder leaves 2; cancelling needs a confirmation and then
// cancels g2's task in WeCom.
func TestMassSendAPI(t *testing.T) {
	eachMassWorld(t, func(t *testing.T, w *massWorld) {
		t.Run("ErrInvalid", func(t *testing.T) {
			r := send(w.h, "POST", "/api/v1/corps/"+w.Corp.CorpID+"/mass-sends", `{"holdout_percent": 80}`, "Authorization", "Bearer "+apiToken)
			require.Equal(t, http.StatusBadRequest, r.Code)
			var fields []string
			for _, f := range decodeError(t, r).Fields {
				fields = append(fields, f.Field)
			}
			assert.ElementsMatch(t, []string{"name", "text", "holdout_percent", "audience.kind"}, fields)
		})
		ms := w.create(t, "双十二")
		text := "会员日：双十二"
		var pv struct {
			Targeted int64            `json:"targeted"`
			Excluded map[string]int64 `json:"excluded"`
			Guides   []struct {
				Name       string `json:"name"`
				Recipients int64  `json:"recipients"`
			} `json:"guides"`
		}
		w.call(t, "GET", fmt.Sprintf("/mass-sends/%d/preview", ms.ID), "", http.StatusOK, &pv)
		assert.Equal(t, int64(5), pv.Targeted)
		assert.Equal(t, int64(1), pv.Excluded[app.ExcludeNoOwner])
		require.Len(t, pv.Guides, 2)
		got := map[string]int64{pv.Guides[0].Name: pv.Guides[0].Recipients, pv.Guides[1].Name: pv.Guides[1].Recipients}
		assert.Equal(t, map[string]int64{"李导购": 3, "赵导购": 2}, got)

		w.started(t, ms)
		w.confirm(t, text, "g1")
		require.NoError(t, w.MassSends.Advance(w.ctx, w.Corp.ID, ms.ID), "the periodic follow-up's work")
		var progress struct {
			Items []struct {
				UserID    string           `json:"userid"`
				Name      string           `json:"name"`
				Confirmed int64            `json:"confirmed"`
				Results   map[string]int64 `json:"results"`
			} `json:"items"`
		}
		w.call(t, "GET", fmt.Sprintf("/mass-sends/%d/progress", ms.ID), "", http.StatusOK, &progress)
		byGuide := map[string]string{}
		for _, g := range progress.Items {
			byGuide[g.Name] = fmt.Sprintf("confirmed %d, sent %d, pending %d", g.Confirmed, g.Results[app.ResultSent], g.Results["pending"])
		}
		assert.Equal(t, map[string]string{"李导购": "confirmed 1, sent 3, pending 0", "赵导购": "confirmed 0, sent 0, pending 2"}, byGuide)

		var results struct {
			Items []struct {
				ExternalUserID string `json:"external_userid"`
				Result         string `json:"result"`
			} `json:"items"`
			Next  int64 `json:"next"`
			Total int64 `json:"total"`
		}
		w.call(t, "GET", fmt.Sprintf("/mass-sends/%d/results?result=sent&limit=2", ms.ID), "", http.StatusOK, &results)
		assert.Equal(t, int64(3), results.Total)
		require.Len(t, results.Items, 2)
		assert.NotZero(t, results.Next, "a second page")
		after := results.Items[1].ExternalUserID
		w.call(t, "GET", fmt.Sprintf("/mass-sends/%d/results?result=sent&limit=2&after=%d", ms.ID, results.Next), "", http.StatusOK, &results)
		require.Len(t, results.Items, 1)
		assert.NotEqual(t, after, results.Items[0].ExternalUserID)
		w.call(t, "GET", fmt.Sprintf("/mass-sends/%d/results?excluded=no_owner", ms.ID), "", http.StatusOK, &results)
		require.Len(t, results.Items, 1)
		assert.Equal(t, "wm-nobody", results.Items[0].ExternalUserID)
		r := send(w.h, "GET", fmt.Sprintf("/api/v1/corps/%s/mass-sends/%d/results?result=done&excluded=gone", w.Corp.CorpID, ms.ID), "", "Authorization", "Bearer "+apiToken)
		require.Equal(t, http.StatusBadRequest, r.Code)
		assert.Len(t, decodeError(t, r).Fields, 2, "both bad filters at once")

		var left struct {
			RemindersLeft int64 `json:"reminders_left"`
		}
		w.call(t, "POST", fmt.Sprintf("/mass-sends/%d/remind", ms.ID), "", http.StatusOK, &left)
		assert.Equal(t, int64(2), left.RemindersLeft)
		w.call(t, "GET", fmt.Sprintf("/mass-sends/%d", ms.ID), "", http.StatusOK, &ms)
		require.NotNil(t, ms.RemindersLeft)
		assert.Equal(t, int64(2), *ms.RemindersLeft)

		w.call(t, "POST", fmt.Sprintf("/mass-sends/%d/cancel", ms.ID), `{}`, http.StatusBadRequest, nil)
		w.call(t, "POST", fmt.Sprintf("/mass-sends/%d/cancel", ms.ID), `{"confirm": true}`, http.StatusOK, &ms)
		assert.Equal(t, app.MassSendCancelled, ms.Status)
		for _, m := range w.SC.MassSends() {
			if m.Text == text {
				assert.Equal(t, m.Tasks[0].UserID == "g2", m.Cancelled, "g2's unsent task is cancelled in WeCom")
			}
		}
		w.call(t, "POST", fmt.Sprintf("/mass-sends/%d/cancel", ms.ID), `{"confirm": true}`, http.StatusConflict, nil)

		var list struct {
			Items []massSend `json:"items"`
			Total int64      `json:"total"`
		}
		w.call(t, "GET", "/mass-sends?status=cancelled", "", http.StatusOK, &list)
		require.Len(t, list.Items, 1)
		assert.Equal(t, ms.ID, list.Items[0].ID)
		w.call(t, "GET", "/mass-sends?status=draft", "", http.StatusOK, &list)
		assert.Empty(t, list.Items)
		w.call(t, "GET", "/mass-sends?status=gone", "", http.StatusBadRequest, nil)
	})
}
