package assign_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/assign"
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

// sb is the one WeCom sandbox of this test binary (the SDK's base URL is
// process-wide); each test has a corp of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	sb = sandbox.New(sandbox.Options{Seed: 11})
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

// welcomeText is every test channel's welcome; the default greets adds
// without a channel.
const (
	welcomeText    = "{客户}您好，我是{门店}的{导购}"
	defaultWelcome = "您好，我是{导购}"
)

// stack is a running Siyu (callback endpoint, inbox, worker, directory,
// assignment) for one sandbox corp whose clock stands still unless moved.
type stack struct {
	db     *db.DB
	redis  *kv.Redis
	corp   *app.Corp
	sc     *sandbox.Corp
	assign *assign.Service
}

func startStack(t testing.TB, driver, redisMode string) *stack {
	ctx := context.Background()
	d := testkit.MigratedDB(t, driver)
	r := testkit.OpenRedis(t, testkit.RedisConfig(t, redisMode))
	log := testkit.Logger(t)
	corps := db.NewCorpStore(d, testkit.Box(t))
	q := asynq.NewClient(r.Conn)
	t.Cleanup(func() { q.Close() })
	enq := tasks.NewEnqueuer(q)
	m := metrics.New()
	limits := wecom.Limits{PerMinute: 9500, PerHour: 140000, Burst: 500}
	clients := directory.NewCorpClients(corps, r.Client, wecom.WithLimits(limits),
		wecom.WithBackoff(wecom.Backoff{Attempts: 10, Base: 10 * time.Millisecond, Max: 200 * time.Millisecond}))
	dir := directory.New(d, clients, r, enq, log, metrics.NewSyncProgress(m.Registry))
	as := assign.New(d, corps, assign.ClientsOf(clients), dir, nil, defaultWelcome, log)
	worker := tasks.NewServer(r.Conn, config.Worker{Concurrency: 16, CriticalConcurrency: 8, ShutdownTimeout: time.Second,
		Queues: map[string]int{tasks.QueueDefault: 1}}, log)
	require.NoError(t, worker.Start(tasks.NewServeMux(tasks.Deps{Log: log, Metrics: m, Inbox: db.NewInboxStore(d), Events: dir,
		Enqueuer: enq, Syncer: dir, Refresher: dir, Onboarder: as, RelayAfter: time.Second})))
	t.Cleanup(worker.Shutdown)

	pages, err := templates.Parse()
	require.NoError(t, err)
	var sc *sandbox.Corp
	recv := inbox.NewReceiver(corps, db.NewInboxStore(d), enq, metrics.NewCallbacks(m.Registry), log,
		inbox.Config{MaxSkew: 24 * time.Hour * 365, Now: func() time.Time { return sc.Now() }})
	srv := httptest.NewServer(api.New(api.Deps{Log: log, Metrics: m, Pages: pages, Callbacks: recv, CallbackMaxBytes: 65536}))
	t.Cleanup(srv.Close)

	corpID := testkit.RandomName("ww")
	cfg := sandbox.NewCorpConfig(corpID)
	cfg.CallbackURL = srv.URL + "/wecom/callback/" + corpID
	cfg.Delivery = &sandbox.DeliveryOptions{Workers: 8, RetryDelay: 20 * time.Millisecond}
	sc, err = sb.AddCorp(cfg)
	require.NoError(t, err)
	corp := &app.Corp{CorpID: corpID, Name: "测试连锁", Timezone: "Asia/Shanghai", ContactSecret: cfg.ContactSecret,
		CallbackToken: cfg.Token, EncodingAESKey: cfg.EncodingAESKey}
	require.NoError(t, corps.CreateCorp(ctx, corp))
	return &stack{db: d, redis: r, corp: corp, sc: sc, assign: as}
}

// settle waits until the sandbox delivered everything and Siyu's inbox
// and queues are empty.
func (s *stack) settle(t testing.TB, within time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	require.NoError(t, s.sc.WaitDeliveries(ctx))
	for deadline := time.Now().Add(within); ; time.Sleep(20 * time.Millisecond) {
		var pending int64
		require.NoError(t, s.db.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE status = 'pending'").Scan(&pending))
		if pending == 0 && s.queued() == 0 {
			return
		}
		require.False(t, time.Now().After(deadline), "inbox and queues did not drain: %d events pending", pending)
	}
}

func (s *stack) queued() int {
	insp := asynq.NewInspector(s.redis.Conn)
	known, err := insp.Queues()
	if err != nil {
		return -1
	}
	n := 0
	for _, q := range []string{tasks.QueueDefault, tasks.QueueCritical, tasks.QueueReads} {
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
