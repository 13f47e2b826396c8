package api_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The console's 小程序: an empty state, an operator registers one (every
// refused field shown at once, the secret never shown back), the list
// names its brand, an edit with the secret left empty keeps it, and an
// analyst reads without a form.
func TestConsoleMiniApps(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		require.NoError(t, c.g.Org.CreateBrand(c.as("alice"), &app.Brand{CorpID: c.corp.ID, Name: "甜品"}))
		olga, ann := c.signIn(t, "olga"), c.signIn(t, "ann")
		assert.Contains(t, olga.get(t, "/console/mini-apps", http.StatusOK), "还没有登记小程序")

		w := olga.post(t, "/console/mini-apps/new", url.Values{"appid": {"gh_bad"}, "name": {""}, "campaign_page": {"/pages/x?y=1"}})
		assert.Equal(t, http.StatusBadRequest, w.Code)
		for _, msg := range []string{"AppID 应为", "名称不能为空", "AppSecret 不能为空", "活动页面路径"} {
			assert.Contains(t, w.Body.String(), msg)
		}
		cfg := c.sc.Config()
		form := url.Values{"appid": {cfg.MiniAppID}, "name": {"甜品小程序"}, "app_secret": {cfg.MiniAppSecret}, "brand": {"甜品"},
			"join_template": {"tpl-join"}, "reward_template": {"tpl-reward"}, "campaign_page": {"pages/campaign/index"}}
		w = olga.post(t, "/console/mini-apps/new", form)
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		list := olga.get(t, "/console/mini-apps", http.StatusOK)
		assert.Contains(t, list, "甜品小程序")
		assert.Contains(t, list, "<td>甜品</td>", "the brand by name")
		assert.NotContains(t, list, cfg.MiniAppSecret)

		apps, _, err := c.g.MiniApps.ListApps(context.Background(), c.corp.ID, app.Page{Limit: 10})
		require.NoError(t, err)
		require.Len(t, apps, 1)
		edit := "/console/mini-apps/" + itoa(apps[0].ID) + "/edit"
		assert.NotContains(t, olga.get(t, edit, http.StatusOK), cfg.MiniAppSecret, "the secret is never shown")
		form.Set("app_secret", "")
		form.Set("reward_template", "tpl-reward-2")
		require.Equal(t, http.StatusSeeOther, olga.post(t, edit, form).Code)
		a, err := c.g.MiniApps.App(context.Background(), c.corp.ID, apps[0].ID)
		require.NoError(t, err)
		assert.Equal(t, "tpl-reward-2", a.RewardTemplate)
		assert.Equal(t, cfg.MiniAppSecret, a.AppSecret, "an empty secret keeps the stored one")

		page := ann.get(t, "/console/mini-apps", http.StatusOK)
		assert.Contains(t, page, "甜品小程序")
		assert.NotContains(t, page, "登记小程序</a>", "an analyst reads only")
		assert.Equal(t, http.StatusForbidden, ann.post(t, "/console/mini-apps/new", form).Code)
	})
}
