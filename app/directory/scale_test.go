package directory_test

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// TestTenThousandActionsMirrorSandbox is the acceptance run: 10,000
// client-side actions (2,500 under CI; scripts/bench runs the full size), every callback delivered at least once through a
// flaky front, about 30% twice or more, retries landing out of order, on
// the production pair MariaDB + Redis. Afterwards Siyu's directory equals
// the sandbox and every event had exactly one effect.
func TestTenThousandActionsMirrorSandbox(t *testing.T) {
	if testing.Short() && !testkit.RequireServers() {
		t.Skip("long acceptance run; scripts/test runs it (and CI never skips it)")
	}
	s := startSiyuWith(t, config.DriverMySQL, config.RedisStandalone, flakyFront(0.05, 0.05),
		sandbox.DeliveryOptions{Workers: 8, MaxJitter: 20 * time.Millisecond, RetryDelay: 30 * time.Millisecond,
			DuplicateProbability: 0.3, Retries: 10})
	a := newActor(t, s.sc, 12)
	start, n := time.Now(), testkit.ScaleSize(10_000, 2_500)
	for range n {
		a.step()
	}
	t.Logf("%d actions performed in %s", n, time.Since(start).Round(time.Millisecond))
	s.settle(t, 10*time.Minute)
	t.Logf("all applied %s after the first action", time.Since(start).Round(time.Millisecond))
	assertMirrors(t, s)

	seqs, twice, retried := map[int64]int{}, 0, 0
	for _, d := range s.sc.Deliveries() {
		seqs[d.Event.Seq] += len(d.Attempts)
		if len(d.Attempts) > 1 {
			retried++
		}
	}
	for _, n := range seqs {
		if n > 1 {
			twice++
		}
	}
	t.Logf("%d events, %d delivered twice or more, %d deliveries retried", len(seqs), twice, retried)
	assert.GreaterOrEqual(t, float64(twice)/float64(len(seqs)), 0.3, "at least 30% of callbacks arrive more than once")
	assert.Positive(t, retried, "some deliveries were retried, after later events")
}

// flakyFront plays a load balancer that fails some requests before they
// reach Siyu (lost) and loses the answer of others after Siyu handled them
// (so WeCom redelivers an event Siyu already stored).
func flakyFront(lost, lostAck float64) func(http.Handler) http.Handler {
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(3, 4))
	roll := func() float64 { mu.Lock(); defer mu.Unlock(); return rng.Float64() }
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch p := roll(); {
			case p < lost:
				http.Error(w, "upstream unavailable", http.StatusBadGateway)
			case p < lost+lostAck:
				next.ServeHTTP(httptest.NewRecorder(), r)
				http.Error(w, "upstream reset", http.StatusBadGateway)
			default:
				next.ServeHTTP(w, r)
			}
		})
	}
}
