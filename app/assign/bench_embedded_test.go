package assign_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	harness "github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// BenchmarkEmbeddedCallbackAcks measures how long the embedded default
// (pure-Go SQLite + in-process Redis) takes to answer WeCom's callbacks
// while it onboards a burst of adds: 2,000 adds fired at once, delivered
// by 8 sandbox workers, each one written, assigned and greeted by the
// whole pipeline while later callbacks arrive. WeCom gives up on an answer
// after 5 s, so p99 and the slowest answer are what matter. "ceiling" is a
// bare Gin handler answering as many POSTs from 8 clients in the same run.
func BenchmarkEmbeddedCallbackAcks(b *testing.B) {
	n := 2000
	if os.Getenv("CI") != "" {
		n = 300
	}
	b.Run("ceiling", func(b *testing.B) {
		for b.Loop() {
			reportAcks(b, ginAcks(b, n))
		}
	})
	b.Run("siyu", func(b *testing.B) {
		for b.Loop() {
			reportAcks(b, embeddedAcks(b, n))
		}
	})
}

// embeddedAcks fires n adds at an embedded stack and returns how long
// each callback delivery took to be answered.
func embeddedAcks(b *testing.B, n int) []time.Duration {
	var mu sync.Mutex
	var acks []time.Duration
	front := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t0 := time.Now()
			h.ServeHTTP(w, r)
			mu.Lock()
			acks = append(acks, time.Since(t0))
			mu.Unlock()
		})
	}
	h := harness.Start(b, sb, harness.Options{Driver: config.DriverSQLite, RedisMode: config.RedisEmbedded, Front: front,
		DefaultWelcome: defaultWelcome, Delivery: &sandbox.DeliveryOptions{Workers: 8, RetryDelay: 20 * time.Millisecond}})
	s := &stack{db: h.DB, redis: h.Redis, corp: h.Corp, sc: h.SC, assign: h.Assign, h: h}
	c := s.newChain(b)
	for i := range n {
		_, err := s.sc.CustomerAdds(sandbox.Add{UserID: c.guides[i%15].UserID})
		require.NoError(b, err)
	}
	s.settle(b, 5*time.Minute)
	mu.Lock()
	defer mu.Unlock()
	return slices.Clone(acks)
}

// ginAcks posts n requests from 8 clients to a bare Gin handler.
func ginAcks(b *testing.B, n int) []time.Duration {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.POST("/", func(c *gin.Context) { c.Status(http.StatusOK) })
	srv := httptest.NewServer(r)
	defer srv.Close()
	urls, bodies := make([]string, n), make([][]byte, n)
	for i := range urls {
		urls[i], bodies[i] = srv.URL, []byte("<xml/>")
	}
	return testkit.PostAll(b, urls, bodies, 8).Latencies
}

func reportAcks(b *testing.B, ls []time.Duration) {
	r := testkit.Summarise(ls, time.Second)
	b.ReportMetric(r.Percentile(50), "p50-ms")
	b.ReportMetric(r.Percentile(99), "p99-ms")
	b.ReportMetric(float64(r.Latencies[len(r.Latencies)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(len(ls)), "answers")
}
