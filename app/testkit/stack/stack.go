// Package stack runs a whole Siyu pipeline for tests: the signed callback
// endpoint, the inbox, a worker with every task handler, the directory,
// assignment and transfers, against one corp of a WeCom sandbox whose
// clock stands still unless the test moves it. Tests of capabilities that
// react to WeCom events use it instead of each building their own.
package stack

import (
	"cmp"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/inbox"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/transfer"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
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
	// WelcomeLease is how long a runner holds an add's welcome (assign's
	// default when zero).
	WelcomeLease time.Duration
}

// Stack is a running Siyu for one sandbox corp.
type Stack struct {
	*root.Graph
	DB        *db.DB
	Redis     *kv.Redis
	Corp      *app.Corp
	SC        *sandbox.Corp
	Transfers *transfer.Service
	Metrics   *metrics.Metrics
	// URL is where Siyu's HTTP handler listens (callbacks, the API).
	URL string
}

// Start builds and starts a stack on a fresh database and Redis, with a
// new corp in sb (the test binary's one sandbox, whose URL the WeCom SDK
// already points at). Everything stops when t ends. It builds through
// the composition root the binary uses, on a WeCom client allowed
// WeCom's whole rate (the default stays a third under it) with quick
// retries, timing transfers by the sandbox's clock, which tests move by
// days.
func Start(t testing.TB, sb *sandbox.Sandbox, o Options) *Stack {
	d := o.open(t)
	r := testkit.OpenRedis(t, o.redis(t))
	log := testkit.Logger(t)
	s := &Stack{DB: d, Redis: r, Metrics: metrics.New()}
	limits := wecom.Limits{PerMinute: 9500, PerHour: 140000, Burst: 500}
	s.Graph = root.New(d, r, root.Options{Log: log, Metrics: s.Metrics, Box: testkit.Box(t),
		WeCom:          []wecom.Option{wecom.WithLimits(limits), wecom.WithBackoff(wecom.Backoff{Attempts: 10, Base: 10 * time.Millisecond, Max: 200 * time.Millisecond})},
		DefaultWelcome: o.DefaultWelcome, WelcomeLease: o.WelcomeLease, RelayAfter: time.Second, WithoutAssignment: o.DirectoryOnly,
		// The sandbox signs each delivery with the wall-clock time, as
		// WeCom does, so callbacks are checked as production checks them
		// even when a test moves the corp's clock by days.
		Receiver:      inbox.Config{MaxSkew: 10 * time.Minute},
		TransferClock: func() time.Time { return s.SC.Now() }})
	t.Cleanup(func() { s.Graph.Close() })
	s.Transfers = s.Graph.Transfers
	worker := tasks.NewServer(r.Conn, config.Worker{Concurrency: 16, CriticalConcurrency: 8, ShutdownTimeout: time.Second,
		Queues: map[string]int{tasks.QueueDefault: 3, tasks.QueueLow: 1}}, log)
	require.NoError(t, worker.Start(s.Mux))
	t.Cleanup(worker.Shutdown)
	s.connect(t, sb, o)
	return s
}

// open opens Database, migrated, or a fresh migrated database of Driver.
func (o Options) open(t testing.TB) *db.DB {
	if o.Database != nil {
		return testkit.OpenMigrated(t, *o.Database)
	}
	return testkit.MigratedDB(t, o.Driver)
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
func (s *Stack) connect(t testing.TB, sb *sandbox.Sandbox, o Options) {
	pages, err := templates.Parse()
	require.NoError(t, err)
	var h http.Handler = api.New(api.Deps{Log: testkit.Logger(t), Metrics: s.Metrics, Pages: pages, Callbacks: s.Receiver,
		WeChatCallbacks: s.Receiver, CallbackMaxBytes: 65536})
	if o.Front != nil {
		h = o.Front(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	s.URL = srv.URL

	corpID := testkit.RandomName("ww")
	cfg := sandbox.NewCorpConfig(corpID)
	cfg.CallbackURL = srv.URL + "/wecom/callback/" + corpID
	cfg.Delivery = cmp.Or(o.Delivery, &sandbox.DeliveryOptions{Workers: 8, RetryDelay: 20 * time.Millisecond})
	s.SC, err = sb.AddCorp(cfg)
	require.NoError(t, err)
	s.Corp = &app.Corp{CorpID: corpID, Name: "测试连锁", Timezone: "Asia/Shanghai", ContactSecret: cfg.ContactSecret,
		CallbackToken: cfg.Token, EncodingAESKey: cfg.EncodingAESKey}
	require.NoError(t, s.Stores.Corps.CreateCorp(context.Background(), s.Corp))
}
