// Package stack runs a whole Siyu pipeline for tests: the signed callback
// endpoint, the inbox, a worker with every task handler, the directory,
// assignment and transfers, against one corp of a WeCom sandbox whose
// clock stands still unless the test moves it. Tests of capabilities that
// react to WeCom events use it instead of each building their own.
package stack

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
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
	// Database and Redis, when set, replace Driver and RedisMode: servers
	// reached through proxies a test cuts.
	Database *config.Database
	Redis    *config.Redis
	// Front, when set, wraps Siyu's HTTP handler (a flaky load balancer).
	Front func(http.Handler) http.Handler
	// Delivery is how the sandbox delivers callbacks (8 workers, 20 ms
	// retry delay when nil).
	Delivery *sandbox.DeliveryOptions
	// DirectoryOnly leaves assignment out: adds are only mirrored and
	// read, as the directory's own tests want them.
	DirectoryOnly bool
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
	Enqueuer  *tasks.Enqueuer
	Metrics   *metrics.Metrics
}

// Start builds and starts a stack on a fresh database and Redis, with a
// new corp in sb (the test binary's one sandbox, whose URL the WeCom SDK
// already points at). Everything stops when t ends.
func Start(t testing.TB, sb *sandbox.Sandbox, o Options) *Stack {
	d := testkit.OpenMigrated(t, o.database(t))
	r := testkit.OpenRedis(t, o.redis(t))
	log := testkit.Logger(t)
	corps := db.NewCorpStore(d, testkit.Box(t))
	q := asynq.NewClient(r.Conn)
	t.Cleanup(func() { q.Close() })
	s := &Stack{DB: d, Redis: r, Queue: q, Enqueuer: tasks.NewEnqueuer(q), Metrics: metrics.New()}
	s.build(d, r, corps, o, log)
	worker := tasks.NewServer(r.Conn, config.Worker{Concurrency: 16, CriticalConcurrency: 8, ShutdownTimeout: time.Second,
		Queues: map[string]int{tasks.QueueDefault: 3, tasks.QueueLow: 1}}, log)
	require.NoError(t, worker.Start(tasks.NewServeMux(s.deps(d, o, log))))
	t.Cleanup(worker.Shutdown)
	s.connect(t, sb, corps, o, log)
	return s
}

// build makes the capabilities: the directory, assignment and transfers
// on a WeCom client allowed WeCom's whole rate (the default stays a third
// under it) with quick retries.
func (s *Stack) build(d *db.DB, r *kv.Redis, corps *db.CorpStore, o Options, log *slog.Logger) {
	limits := wecom.Limits{PerMinute: 9500, PerHour: 140000, Burst: 500}
	s.Clients = directory.NewCorpClients(corps, r.Client, wecom.WithLimits(limits),
		wecom.WithBackoff(wecom.Backoff{Attempts: 10, Base: 10 * time.Millisecond, Max: 200 * time.Millisecond}))
	s.Dir = directory.New(d, s.Clients, r, s.Enqueuer, log, metrics.NewSyncProgress(s.Metrics.Registry))
	if !o.DirectoryOnly {
		s.Assign = assign.New(d, corps, assign.ClientsOf(s.Clients), s.Dir, nil, o.DefaultWelcome, log)
	}
	s.Transfers = transfer.New(d, transfer.ClientsOf(s.Clients), s.Enqueuer, log, transfer.WithClock(func() time.Time { return s.SC.Now() }))
	s.Dir.SettleTransfersWith(s.Transfers)
}

// deps are the task handlers' dependencies: every handler Siyu runs.
func (s *Stack) deps(d *db.DB, o Options, log *slog.Logger) tasks.Deps {
	deps := tasks.Deps{Log: log, Metrics: s.Metrics, Inbox: db.NewInboxStore(d), Events: s.Dir, Enqueuer: s.Enqueuer,
		Syncer: s.Dir, Refresher: s.Dir, RelayAfter: time.Second, Transfers: s.Transfers,
		TransferFollow: func(ctx context.Context) error { return s.Transfers.FollowTransfers(ctx, s.Corp.ID) },
		Reconcile: func(ctx context.Context) ([]*app.SyncRun, error) {
			return s.Dir.Reconcile(ctx, directory.DefaultReconcilePolicy(), time.Now().UTC())
		}}
	if s.Assign != nil { // a nil *assign.Service in the interface would not read as none
		deps.Onboarder = s.Assign
	}
	return deps
}

// database is Database, or a fresh database of Driver.
func (o Options) database(t testing.TB) config.Database {
	if o.Database != nil {
		return *o.Database
	}
	return testkit.DatabaseConfig(t, o.Driver)
}

// redis is Redis, or a fresh Redis of RedisMode.
func (o Options) redis(t testing.TB) config.Redis {
	if o.Redis != nil {
		return *o.Redis
	}
	return testkit.RedisConfig(t, o.RedisMode)
}

// connect serves the callback endpoint and adds the corp to the sandbox
// and to Siyu.
func (s *Stack) connect(t testing.TB, sb *sandbox.Sandbox, corps *db.CorpStore, o Options, log *slog.Logger) {
	pages, err := templates.Parse()
	require.NoError(t, err)
	// The sandbox signs each delivery with the wall-clock time, as WeCom
	// does, so the receiver checks timestamps as production does even when
	// a test moves the corp's clock by days.
	recv := inbox.NewReceiver(corps, db.NewInboxStore(s.DB), s.Enqueuer, metrics.NewCallbacks(s.Metrics.Registry), log,
		inbox.Config{MaxSkew: 10 * time.Minute})
	var h http.Handler = api.New(api.Deps{Log: log, Metrics: s.Metrics, Pages: pages, Callbacks: recv, CallbackMaxBytes: 65536})
	if o.Front != nil {
		h = o.Front(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	corpID := testkit.RandomName("ww")
	cfg := sandbox.NewCorpConfig(corpID)
	cfg.CallbackURL = srv.URL + "/wecom/callback/" + corpID
	cfg.Delivery = cmp.Or(o.Delivery, &sandbox.DeliveryOptions{Workers: 8, RetryDelay: 20 * time.Millisecond})
	s.SC, err = sb.AddCorp(cfg)
	require.NoError(t, err)
	s.Corp = &app.Corp{CorpID: corpID, Name: "测试连锁", Timezone: "Asia/Shanghai", ContactSecret: cfg.ContactSecret,
		CallbackToken: cfg.Token, EncodingAESKey: cfg.EncodingAESKey}
	require.NoError(t, corps.CreateCorp(context.Background(), s.Corp))
}
