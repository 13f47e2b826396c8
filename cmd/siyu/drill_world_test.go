package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/secret"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// drill is the world of TestScaleOutDrill: a sandbox corp on loopback, a
// Galera cluster (with a fresh database) and a Redis Cluster of the
// test's own, which it stops nodes of, the fleet of siyu processes and
// the balancer before their APIs.
type drill struct {
	sc     *sandbox.Corp
	corp   *app.Corp
	d      *db.DB
	dbCfg  config.Database
	galera *testkit.Galera
	// journeyDay is the corp's date the journey's steps are due on, for
	// the customers added that day.
	journeyDay string
	cluster    *testkit.Cluster
	env        []string
	fleet      *fleet
	lb         *balancer
	token      string
}

// drillToken is the deployment's API token the drill calls the console
// JSON API with.
const drillToken = "drill-token-0123456789abcdef"

// drillGuides are the sandbox corp's guides.
var drillGuides = []string{"guide0", "guide1", "guide2", "guide3"}

func newDrill(t *testing.T) *drill {
	sb := sandbox.New(sandbox.Options{Seed: 41, Start: time.Now(), FollowWallClock: true})
	url, err := sb.Start("127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { sb.Close() })
	w := &drill{galera: testkit.StartGalera(t), cluster: testkit.StartRedisCluster(t), token: drillToken}
	w.dbCfg = w.galera.MigratedConfig(t)
	w.d = testkit.OpenDB(t, w.dbCfg)
	_, err = w.d.SQL().Exec("CREATE TABLE test_periodic_runs (seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, task_id VARCHAR(128) NOT NULL, " +
		"ok BOOLEAN NOT NULL, at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))")
	require.NoError(t, err)
	w.lb = newBalancer(t)
	cfg := sandbox.NewCorpConfig(testkit.RandomName("wwd"))
	cfg.CallbackURL = w.lb.url + "/wecom/callback/" + cfg.CorpID
	// 30% of callbacks twice, four at once with jitter (so reordered); a
	// refused attempt (every API instance dead, a 503) is retried.
	cfg.Delivery = &sandbox.DeliveryOptions{Workers: 4, MaxJitter: 50 * time.Millisecond, DuplicateProbability: 0.3,
		Retries: 8, RetryDelay: 500 * time.Millisecond, Timeout: 5 * time.Second}
	w.sc, err = sb.AddCorp(cfg)
	require.NoError(t, err)
	for _, g := range drillGuides {
		require.NoError(t, w.sc.AddMember(sandbox.Member{UserID: g, Name: "导购" + g, ContactEnabled: true}))
	}
	w.registerCorp(t, cfg)
	w.env = append(configEnv(w.dbCfg, w.cluster.Config()), "SIYU_DATABASE_AUTO_MIGRATE=false",
		"SIYU_WECOM_API_BASE="+url, "SIYU_WECOM_MINI_API_BASE="+url, "SIYU_LOG_LEVEL=info", "SIYU_SECURITY_API_TOKEN="+drillToken,
		"SIYU_SCHEDULER_TICK="+periodicTick.String(), "SIYU_TIMEZONE=Asia/Shanghai", ledgerEnv+"=1",
		"SIYU_WORKER_CONCURRENCY=8", "SIYU_MASSSEND_CHUNK_SIZE=4", "SIYU_MASSSEND_LEASE=3s", "SIYU_MASSSEND_GRACE=1s")
	w.env = append(w.env, shortConnect(t, w.dbCfg.DSN))
	w.fleet = newFleet(t, w.env, w.lb)
	return w
}

// shortConnect gives the processes' DSN a 2 s connect timeout, as the
// Galera example does: a stopped node costs a new connection two seconds.
func shortConnect(t *testing.T, dsn string) string {
	c, err := mysql.ParseDSN(dsn)
	require.NoError(t, err)
	c.Timeout = 2 * time.Second
	return "SIYU_DATABASE_DSN=" + c.FormatDSN()
}

// registerCorp adds the sandbox corp to Siyu, as `siyu corp add` would
// (the reconcile's first pass syncs it), and its store and guides.
func (w *drill) registerCorp(t *testing.T, cfg sandbox.CorpConfig) {
	key, err := secret.LoadKey(testSecretKey, "")
	require.NoError(t, err)
	box, err := secret.New(key)
	require.NoError(t, err)
	w.corp = &app.Corp{CorpID: cfg.CorpID, Name: "扩容演练", Timezone: "Asia/Shanghai", ContactSecret: cfg.ContactSecret,
		CallbackToken: cfg.Token, EncodingAESKey: cfg.EncodingAESKey}
	ctx := context.Background()
	require.NoError(t, db.NewCorpStore(w.d, box).CreateCorp(ctx, w.corp))
	// The guides work in one store, so an add without a channel makes
	// the adding guide the customer's owner.
	org := db.NewOrgStore(w.d)
	store := &app.Store{CorpID: w.corp.ID, Code: "S1", Name: "一号店", Kind: "store", Status: "open"}
	require.NoError(t, org.CreateStore(ctx, store))
	for _, g := range drillGuides {
		require.NoError(t, org.CreateGuide(ctx, &app.Guide{CorpID: w.corp.ID, UserID: g, Name: "导购" + g, StoreID: store.ID,
			Role: "guide", Status: "active"}))
	}
}

// count runs a COUNT query.
func (w *drill) count(t *testing.T, q string, args ...any) int {
	var n int
	require.NoError(t, w.d.SQL().QueryRowContext(context.Background(), q, args...).Scan(&n), q)
	return n
}

// path is the corp's JSON API path of rest.
func (w *drill) path(rest string) string {
	return fmt.Sprintf("/api/v1/corps/%s%s", w.corp.CorpID, rest)
}
