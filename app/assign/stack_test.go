package assign_test

import (
	"testing"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/assign"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/kv"
	harness "github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary (the SDK's base URL is
// process-wide); each test has a corp of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	harness.Main(m, sandbox.Options{Seed: 11}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

// welcomeText is every test channel's welcome; the default greets adds
// without a channel.
const (
	welcomeText    = "{客户}您好，我是{门店}的{导购}"
	defaultWelcome = "您好，我是{导购}"
)

// stack is a running Siyu (callback endpoint, inbox, worker, directory,
// assignment) for one sandbox corp whose clock stands still unless moved:
// the shared harness, under the names these tests use.
type stack struct {
	db     *db.DB
	redis  *kv.Redis
	corp   *app.Corp
	sc     *sandbox.Corp
	assign *assign.Service
	h      *harness.Stack
}

func startStack(t testing.TB, driver, redisMode string) *stack {
	h := harness.Start(t, sb, harness.Options{Driver: driver, RedisMode: redisMode, DefaultWelcome: defaultWelcome})
	return &stack{db: h.DB, redis: h.Redis, corp: h.Corp, sc: h.SC, assign: h.Assign, h: h}
}

// settle waits until the sandbox delivered everything and Siyu's inbox
// and queues are empty.
func (s *stack) settle(t testing.TB, within time.Duration) { s.h.Settle(t, within) }
