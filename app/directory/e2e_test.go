package directory_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/directory"
	"github.com/siyu-scrm/siyu/app/inbox"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/templates"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary: the SDK's base URL is
// process-wide, so every test talks to it, each on a corp of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	sb = sandbox.New(sandbox.Options{Seed: 7})
	url, err := sb.Start("127.0.0.1:0")
	if err == nil {
		err = wecom.Install(url, url, nil)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	sb.Close()
	os.Exit(code)
}

// siyu is a running Siyu (callback endpoint, inbox, worker, directory) for
// one sandbox corp.
type siyu struct {
	db    *db.DB
	redis *kv.Redis
	corp  *app.Corp
	sc    *sandbox.Corp
	queue *asynq.Client
	m     *metrics.Metrics
	dir   *directory.Service
	enq   *tasks.Enqueuer
}

func startSiyu(t testing.TB, driver, redisMode string) *siyu {
	return startSiyuWith(t, driver, redisMode, nil, sandbox.DeliveryOptions{Workers: 4, RetryDelay: 20 * time.Millisecond})
}

// startSiyuWith lets a test put a front (a flaky load balancer) before
// Siyu's HTTP handler and choose how the sandbox delivers.
func startSiyuWith(t testing.TB, driver, redisMode string, front func(http.Handler) http.Handler, delivery sandbox.DeliveryOptions) *siyu {
	return startSiyuOn(t, testkit.DatabaseConfig(t, driver), testkit.RedisConfig(t, redisMode), front, delivery)
}

// startSiyuOn runs Siyu on the given database and Redis, which may be
// reached through proxies the test cuts.
func startSiyuOn(t testing.TB, dbCfg config.Database, redisCfg config.Redis, front func(http.Handler) http.Handler, delivery sandbox.DeliveryOptions) *siyu {
	ctx := context.Background()
	d := testkit.OpenMigrated(t, dbCfg)
	r := testkit.OpenRedis(t, redisCfg)
	log := testkit.Logger(t)
	corps := db.NewCorpStore(d, testkit.Box(t))
	events := db.NewInboxStore(d)
	q := asynq.NewClient(r.Conn)
	t.Cleanup(func() { q.Close() })
	enq := tasks.NewEnqueuer(q)
	m := metrics.New()
	// WeCom's whole allowance: the default stays a third under it.
	limits := wecom.Limits{PerMinute: 9500, PerHour: 140000, Burst: 500}
	backoff := wecom.Backoff{Attempts: 10, Base: 10 * time.Millisecond, Max: 200 * time.Millisecond}
	clients := directory.NewCorpClients(corps, r.Client, wecom.WithLimits(limits), wecom.WithBackoff(backoff))
	dir := directory.New(d, clients, r, enq, log, metrics.NewSyncProgress(m.Registry))
	worker := tasks.NewServer(r.Conn, config.Worker{Concurrency: 16, ShutdownTimeout: time.Second,
		Queues: map[string]int{tasks.QueueDefault: 3, tasks.QueueLow: 1}}, log)
	require.NoError(t, worker.Start(tasks.NewServeMux(tasks.Deps{Log: log, Metrics: m, Inbox: events, Events: dir, Enqueuer: enq, Syncer: dir, Refresher: dir, RelayAfter: time.Second,
		Reconcile: func(ctx context.Context) ([]*app.SyncRun, error) {
			return dir.Reconcile(ctx, directory.DefaultReconcilePolicy(), time.Now().UTC())
		}})))
	t.Cleanup(worker.Shutdown)

	pages, err := templates.Parse()
	require.NoError(t, err)
	var sc *sandbox.Corp // the receiver checks timestamps against this corp's clock
	recv := inbox.NewReceiver(corps, events, enq, metrics.NewCallbacks(m.Registry), log,
		inbox.Config{MaxSkew: time.Hour, Now: func() time.Time { return sc.Now() }})
	var h http.Handler = api.New(api.Deps{Log: log, Metrics: m, Pages: pages, Callbacks: recv, CallbackMaxBytes: 65536})
	if front != nil {
		h = front(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	corpID := testkit.RandomName("ww")
	cfg := sandbox.NewCorpConfig(corpID)
	cfg.CallbackURL = srv.URL + "/wecom/callback/" + corpID
	cfg.Delivery = &delivery
	sc, err = sb.AddCorp(cfg)
	require.NoError(t, err)
	corp := &app.Corp{CorpID: corpID, Name: "测试企业", ContactSecret: cfg.ContactSecret, CallbackToken: cfg.Token, EncodingAESKey: cfg.EncodingAESKey}
	require.NoError(t, corps.CreateCorp(ctx, corp))
	return &siyu{db: d, redis: r, corp: corp, sc: sc, queue: q, m: m, dir: dir, enq: enq}
}

// settle waits until the sandbox delivered everything and Siyu's inbox
// and queues are empty.
func (s *siyu) settle(t *testing.T, within time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	require.NoError(t, s.sc.WaitDeliveries(ctx))
	for deadline := time.Now().Add(within); ; time.Sleep(50 * time.Millisecond) {
		var pending int64
		require.NoError(t, s.db.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE status = 'pending'").Scan(&pending))
		if pending == 0 && s.queued() == 0 {
			return
		}
		if time.Now().After(deadline) {
			s.dumpPending(t)
			t.Fatalf("inbox and queue did not drain: %d events pending", pending)
		}
	}
}

// callbacks reads siyu_wecom_callbacks_total for outcome.
func (s *siyu) callbacks(t *testing.T, outcome string) float64 {
	families, err := s.m.Registry.Gather()
	require.NoError(t, err)
	for _, f := range families {
		for _, mt := range f.GetMetric() {
			if f.GetName() == "siyu_wecom_callbacks_total" && mt.GetLabel()[0].GetValue() == outcome {
				return mt.GetCounter().GetValue()
			}
		}
	}
	return 0
}

// queued counts tasks still waiting or running in the event queue and
// the read queue; a queue never used yet counts as empty.
func (s *siyu) queued() int {
	return outstanding(s.redis.Conn, tasks.QueueDefault, tasks.QueueCritical, tasks.QueueReads)
}

func outstanding(conn asynq.RedisConnOpt, queues ...string) int {
	insp := asynq.NewInspector(conn)
	known, err := insp.Queues()
	if err != nil {
		return -1
	}
	n := 0
	for _, q := range queues {
		if !slices.Contains(known, q) {
			continue
		}
		info, err := insp.GetQueueInfo(q)
		if err != nil {
			return -1
		}
		n += info.Pending + info.Active + info.Retry + info.Scheduled
	}
	return n
}

func (s *siyu) dumpPending(t *testing.T) {
	t.Logf("tasks outstanding: %d", s.queued())
	rows, err := s.db.SQL().Query("SELECT kind, attempts, COALESCE(last_error, '') FROM wecom_events WHERE status = 'pending' LIMIT 10")
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var kind, lastErr string
		var attempts int
		require.NoError(t, rows.Scan(&kind, &attempts, &lastErr))
		t.Logf("pending %s after %d attempts: %s", kind, attempts, lastErr)
	}
}
