package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/templates"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// miniConsumers is how many consumers log in and read at once.
const miniConsumers = 200

// BenchmarkMiniConsumers runs 200 consumers at once on MariaDB + Redis
// over loopback HTTP: "login" (a wx.login code through the sandbox's
// jscode2session, the member upsert, the session saved in Redis) and
// "me" (the session read, the rate limits, the member read) and
// "progress" (a referral campaign's progress: the participant, the
// campaign and the tiers reached), each
// reporting reqs/s and p50/p99. "ceiling" is a bare Gin handler answering
// the same GETs in the same run: what HTTP on this machine allows.
func BenchmarkMiniConsumers(b *testing.B) {
	b.Run("ceiling", func(b *testing.B) {
		gin.SetMode(gin.ReleaseMode)
		r := gin.New()
		r.GET("/api/mini/v1/me", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"id": 1}) })
		srv := httptest.NewServer(r)
		defer srv.Close()
		for b.Loop() {
			requestAll(b, miniConsumers, func(int) *http.Request { return getWith(srv.URL+"/api/mini/v1/me", "") }, nil).Report(b, "reqs/s")
		}
	})
	rig := newMiniRig(b)
	var tokens []string
	b.Run("login", func(b *testing.B) {
		for b.Loop() {
			codes := make([]string, miniConsumers)
			for i := range codes {
				codes[i] = rig.sc.MintLoginCode("", testkit.RandomName("bench-union"))
			}
			tokens = make([]string, miniConsumers)
			requestAll(b, miniConsumers, func(i int) *http.Request {
				body, _ := json.Marshal(map[string]string{"appid": rig.appid, "code": codes[i]})
				req, _ := http.NewRequest(http.MethodPost, rig.url+"/api/mini/v1/login", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				return req
			}, func(i int, body []byte) {
				var l struct{ Token string }
				_ = json.Unmarshal(body, &l)
				tokens[i] = l.Token
			}).Report(b, "logins/s")
		}
	})
	b.Run("me", func(b *testing.B) {
		if len(tokens) == 0 || tokens[0] == "" {
			b.Skip("no sessions: the login run did not record them")
		}
		for b.Loop() {
			requestAll(b, miniConsumers, func(i int) *http.Request { return getWith(rig.url+"/api/mini/v1/me", tokens[i]) }, nil).Report(b, "reqs/s")
		}
	})
	b.Run("progress", func(b *testing.B) {
		if len(tokens) == 0 || tokens[0] == "" {
			b.Skip("no sessions: the login run did not record them")
		}
		path := rig.url + "/api/mini/v1/referrals/" + strconv.FormatInt(rig.campaign, 10)
		requestAll(b, miniConsumers, func(i int) *http.Request {
			req := getWith(path+"/join", tokens[i])
			req.Method = http.MethodPost
			return req
		}, nil)
		for b.Loop() {
			requestAll(b, miniConsumers, func(i int) *http.Request { return getWith(path+"/progress", tokens[i]) }, nil).Report(b, "reqs/s")
		}
	})
}

// miniRig is Siyu's consumer API on MariaDB + Redis with the sandbox
// corp's mini-program registered.
type miniRig struct {
	url, appid string
	sc         *sandbox.Corp
	campaign   int64
}

func newMiniRig(b *testing.B) *miniRig {
	cfg := sandbox.NewCorpConfig(testkit.RandomName("ww"))
	sc, err := sb.AddCorp(cfg)
	require.NoError(b, err)
	d := testkit.MigratedDB(b, config.DriverMySQL)
	r := testkit.OpenRedis(b, testkit.RedisConfig(b, config.RedisStandalone))
	g := root.New(d, r, root.Options{Log: testkit.Logger(b), Box: testkit.Box(b),
		WeCom: []wecom.Option{wecom.WithLimits(wecom.Limits{PerMinute: 9500, PerHour: 140000, Burst: 500})}})
	b.Cleanup(func() { g.Close() })
	ctx := app.WithActor(context.Background(), "cli:bench")
	corp := &app.Corp{CorpID: cfg.CorpID, Name: "压测连锁", ContactSecret: cfg.ContactSecret}
	require.NoError(b, g.Stores.Corps.CreateCorp(ctx, corp))
	require.NoError(b, g.MiniApps.RegisterApp(ctx, &app.MiniApp{CorpID: corp.ID, AppID: cfg.MiniAppID, Name: "压测小程序",
		AppSecret: cfg.MiniAppSecret, CampaignPage: "pages/campaign/index"}, ""))
	pages, err := templates.Parse()
	require.NoError(b, err)
	lots := api.MiniLimit{PerMinute: 1_000_000, Burst: 100_000} // measured, not refused
	srv := httptest.NewServer(api.New(g.API(api.Deps{Log: testkit.Logger(b), Metrics: metrics.New(), Pages: pages,
		MiniLimits: api.MiniLimits{LoginPerIP: lots, PerIP: lots, PerOpenID: lots}})))
	b.Cleanup(srv.Close)
	return &miniRig{url: srv.URL, appid: cfg.MiniAppID, sc: sc, campaign: benchCampaign(b, g, sc, corp.ID)}
}

// benchCampaign is a running 任务宝 of the corp, on a campaign channel of
// one guide, for consumers to join and read their progress.
func benchCampaign(b *testing.B, g *root.Graph, sc *sandbox.Corp, corpID int64) int64 {
	ctx := app.WithActor(context.Background(), "cli:bench")
	st := &app.Store{CorpID: corpID, Code: "S1", Name: "压测店", Kind: app.StoreKindStore, Status: app.StoreOpen}
	require.NoError(b, g.Org.CreateStore(ctx, st))
	require.NoError(b, sc.AddMember(sandbox.Member{UserID: "g1", Name: "导购", ContactEnabled: true}))
	require.NoError(b, g.Org.CreateGuide(ctx, &app.Guide{CorpID: corpID, UserID: "g1", Name: "导购", StoreCode: "S1", Role: app.GuideRoleGuide, Status: app.GuideActive}))
	ch := &app.Channel{CorpID: corpID, Name: "老带新", Kind: app.ChannelCampaign, StoreID: &st.ID, Members: []app.ChannelMember{{UserID: "g1"}}}
	require.NoError(b, g.Channels.CreateChannel(ctx, ch))
	r := &app.Reward{CorpID: corpID, Name: "积分", Kind: app.RewardPoints, Points: 10, StockTotal: 1000}
	require.NoError(b, g.Rewards.CreateReward(ctx, r))
	c := &app.ReferralCampaign{CorpID: corpID, Name: "压测活动", Kind: app.ReferralFriend, StartsAt: time.Now().Add(-time.Hour), EndsAt: time.Now().Add(24 * time.Hour),
		ChannelID: &ch.ID, Tiers: []app.ReferralTier{{Helps: 3, RewardID: r.ID, Name: "邀请3人得积分"}}}
	require.NoError(b, g.Referrals.CreateCampaign(ctx, c))
	return c.ID
}

func getWith(url, token string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req
}

// requestAll sends request(i) for every i < n from n clients at once,
// gives each answer to read (when not nil) and fails tb on any answer but
// 200.
func requestAll(tb testing.TB, n int, request func(i int) *http.Request, read func(i int, body []byte)) testkit.LoadResult {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	defer client.CloseIdleConnections()
	lat := make([]time.Duration, n)
	var failed atomic.Bool
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		wg.Go(func() {
			t0 := time.Now()
			resp, err := client.Do(request(i))
			if err != nil || resp.StatusCode != http.StatusOK {
				failed.Store(true)
				return
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			lat[i] = time.Since(t0)
			if err == nil && read != nil {
				read(i, body)
			}
		})
	}
	wg.Wait()
	require.False(tb, failed.Load(), "every request answered 200")
	return testkit.Summarise(lat, time.Since(start))
}
