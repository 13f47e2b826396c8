package directory_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/directory"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary: the SDK's base URL is
// process-wide, so every test talks to it, each on a corp of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 7}, func(s *sandbox.Sandbox, _ string) { sb = s })
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
	h     *stack.Stack
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
// reached through proxies the test cuts: the shared stack, without
// assignment, so adds are only mirrored and read.
func startSiyuOn(t testing.TB, dbCfg config.Database, redisCfg config.Redis, front func(http.Handler) http.Handler, delivery sandbox.DeliveryOptions) *siyu {
	h := stack.Start(t, sb, stack.Options{Database: &dbCfg, Redis: &redisCfg, Front: front, Delivery: &delivery, DirectoryOnly: true})
	return &siyu{db: h.DB, redis: h.Redis, corp: h.Corp, sc: h.SC, queue: h.Queue, m: h.Metrics, dir: h.Dir, enq: h.Enqueuer, h: h}
}

// settle waits until the sandbox delivered everything and Siyu's inbox
// and queues are empty.
func (s *siyu) settle(t *testing.T, within time.Duration) { s.h.Settle(t, within) }

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

// queued counts tasks still waiting or running in Siyu's queues.
func (s *siyu) queued() int { return s.h.Queued() }

// dumpPending logs what is still pending, for a failing test.
func (s *siyu) dumpPending(t *testing.T) { s.h.DumpPending(t) }
