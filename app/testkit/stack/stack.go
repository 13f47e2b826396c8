// Package stack runs a whole Siyu pipeline for tests: the signed callback
// endpoint, the inbox, a worker with every task handler, the directory,
// assignment and transfers, against one corp of a WeCom sandbox whose
// clock stands still unless the test moves it. Tests of capabilities that
// react to WeCom events use it instead of each building their own.
package stack

import (
	"context"
	"log/slog"
	"net/http/httptest"
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
	"github.com/siyu-scrm/siyu/app/transfer"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/templates"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// Options tune a stack.
type Options struct {
	Driver    string // config.DriverMySQL or config.DriverSQLite
	RedisMode string // config.RedisEmbedded or the real server
	// DefaultWelcome greets adds without a channel.
	DefaultWelcome string
}

// Stack is a running Siyu for one sandbox corp.
type Stack struct {
	DB        *db.DB
	Redis     *kv.Redis
	Corp      *app.Corp
	SC        *sandbox.Corp
	Assign    *assign.Service
	Transfers *transfer.Service
	Dir       *directory.Service
	Clients   *directory.CorpClients
	Queue     *asynq.Client
}

// Start builds and starts a stack on a fresh database and Redis, with a
// new corp in sb (the test binary's one sandbox, whose URL the WeCom SDK
// already points at). Everything stops when t ends.
func Start(t testing.TB, sb *sandbox.Sandbox, o Options) *Stack {
	d := testkit.MigratedDB(t, o.Driver)
	r := testkit.OpenRedis(t, testkit.RedisConfig(t, o.RedisMode))
	log := testkit.Logger(t)
	corps := db.NewCorpStore(d, testkit.Box(t))
	q := asynq.NewClient(r.Conn)
	t.Cleanup(func() { q.Close() })
	s := &Stack{DB: d, Redis: r, Queue: q}
	enq := tasks.NewEnqueuer(q)
	m := metrics.New()
	limits := wecom.Limits{PerMinute: 9500, PerHour: 140000, Burst: 500}
	clients := directory.NewCorpClients(corps, r.Client, wecom.WithLimits(limits),
		wecom.WithBackoff(wecom.Backoff{Attempts: 10, Base: 10 * time.Millisecond, Max: 200 * time.Millisecond}))
	s.Clients = clients
	s.Dir = directory.New(d, clients, r, enq, log, metrics.NewSyncProgress(m.Registry))
	s.Assign = assign.New(d, corps, assign.ClientsOf(clients), s.Dir, nil, o.DefaultWelcome, log)
	s.Transfers = transfer.New(d, transfer.ClientsOf(clients), enq, log, transfer.WithClock(func() time.Time { return s.SC.Now() }))
	s.Dir.SettleTransfersWith(s.Transfers)
	worker := tasks.NewServer(r.Conn, config.Worker{Concurrency: 16, CriticalConcurrency: 8, ShutdownTimeout: time.Second,
		Queues: map[string]int{tasks.QueueDefault: 1}}, log)
	require.NoError(t, worker.Start(tasks.NewServeMux(tasks.Deps{Log: log, Metrics: m, Inbox: db.NewInboxStore(d), Events: s.Dir,
		Enqueuer: enq, Syncer: s.Dir, Refresher: s.Dir, Onboarder: s.Assign, RelayAfter: time.Second, Transfers: s.Transfers,
		TransferFollow: func(ctx context.Context) error { return s.Transfers.FollowTransfers(ctx, s.Corp.ID) }})))
	t.Cleanup(worker.Shutdown)
	s.connect(t, sb, corps, enq, m, log)
	return s
}

// connect serves the callback endpoint and adds the corp to the sandbox
// and to Siyu.
func (s *Stack) connect(t testing.TB, sb *sandbox.Sandbox, corps *db.CorpStore, enq *tasks.Enqueuer, m *metrics.Metrics, log *slog.Logger) {
	pages, err := templates.Parse()
	require.NoError(t, err)
	recv := inbox.NewReceiver(corps, db.NewInboxStore(s.DB), enq, metrics.NewCallbacks(m.Registry), log,
		inbox.Config{MaxSkew: 24 * time.Hour * 365, Now: func() time.Time { return s.SC.Now() }})
	srv := httptest.NewServer(api.New(api.Deps{Log: log, Metrics: m, Pages: pages, Callbacks: recv, CallbackMaxBytes: 65536}))
	t.Cleanup(srv.Close)

	corpID := testkit.RandomName("ww")
	cfg := sandbox.NewCorpConfig(corpID)
	cfg.CallbackURL = srv.URL + "/wecom/callback/" + corpID
	cfg.Delivery = &sandbox.DeliveryOptions{Workers: 8, RetryDelay: 20 * time.Millisecond}
	s.SC, err = sb.AddCorp(cfg)
	require.NoError(t, err)
	s.Corp = &app.Corp{CorpID: corpID, Name: "测试连锁", Timezone: "Asia/Shanghai", ContactSecret: cfg.ContactSecret,
		CallbackToken: cfg.Token, EncodingAESKey: cfg.EncodingAESKey}
	require.NoError(t, corps.CreateCorp(context.Background(), s.Corp))
}

// Settle waits until the sandbox delivered everything and Siyu's inbox
// and queues are empty.
func (s *Stack) Settle(t testing.TB, within time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	require.NoError(t, s.SC.WaitDeliveries(ctx))
	for deadline := time.Now().Add(within); ; time.Sleep(20 * time.Millisecond) {
		var pending int64
		require.NoError(t, s.DB.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE status = 'pending'").Scan(&pending))
		if pending == 0 && s.Queued() == 0 {
			return
		}
		require.False(t, time.Now().After(deadline), "inbox and queues did not drain: %d events pending", pending)
	}
}

// Queued counts the tasks not yet done in Siyu's queues, -1 when Redis
// cannot tell.
func (s *Stack) Queued() int {
	insp := asynq.NewInspector(s.Redis.Conn)
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
