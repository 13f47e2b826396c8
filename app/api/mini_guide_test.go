package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
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

// A consumer who is a guide's customer in WeCom (linked by unionid) is
// shown that guide, their store, and the guide's own channel code.
func TestMiniGuideOfCustomer(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) {
			s := stack.Start(t, sb, stack.Options{Driver: driver, RedisMode: config.RedisEmbedded})
			ctx := app.WithActor(context.Background(), "cli:test")
			require.NoError(t, s.Org.CreateStore(ctx, &app.Store{CorpID: s.Corp.ID, Code: "S1", Name: "静安店", Kind: app.StoreKindStore, Status: app.StoreOpen}))
			require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: "g1", Name: "李导购", ContactEnabled: true}))
			require.NoError(t, s.Org.CreateGuide(ctx, &app.Guide{CorpID: s.Corp.ID, UserID: "g1", Name: "李导购", StoreCode: "S1",
				Role: app.GuideRoleGuide, Status: app.GuideActive}))
			_, err := s.SC.CustomerAdds(sandbox.Add{UserID: "g1", Customer: sandbox.Customer{Name: "小周", Type: 1, UnionID: "union-guide"}})
			require.NoError(t, err)
			s.Settle(t, 30*time.Second)
			pages, err := templates.Parse()
			require.NoError(t, err)
			h := api.New(s.API(api.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Pages: pages, APIToken: apiToken}))
			admin := []string{"Authorization", "Bearer " + apiToken}
			w := send(h, "POST", "/api/v1/corps/"+s.Corp.CorpID+"/channels", `{"name":"李导购名片","kind":"guide","welcome":{"text":"你好"},"members":[{"userid":"g1"}]}`, admin...)
			require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
			cfg := s.SC.Config()
			require.NoError(t, s.MiniApps.RegisterApp(ctx, &app.MiniApp{CorpID: s.Corp.ID, AppID: cfg.MiniAppID, Name: "小程序", AppSecret: cfg.MiniAppSecret,
				CampaignPage: "pages/campaign/index"}, ""))

			w = send(h, "POST", "/api/mini/v1/login", `{"appid":"`+cfg.MiniAppID+`","code":"`+s.SC.MintLoginCode("", "union-guide")+`"}`)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			var login struct{ Token string }
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &login))
			w = send(h, "GET", "/api/mini/v1/me/guide", "", "Authorization", "Bearer "+login.Token)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			var g map[string]string
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &g))
			assert.Equal(t, "李导购", g["guide_name"])
			assert.Equal(t, "静安店", g["store_name"])
			assert.NotEmpty(t, g["qr_code_url"], "the guide's own code")
			assert.True(t, strings.Contains(g["how"], "李导购"), g["how"])
		})
	}
}
