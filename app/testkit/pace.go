package testkit

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"
)

// PaceGin sends n requests to a bare Gin handler evenly over d and
// returns each one's latency: the ceiling a paced burst through Siyu is
// shown beside, measured in the same run.
func PaceGin(tb testing.TB, n int, d time.Duration) []time.Duration {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.GET("/", func(c *gin.Context) { c.Status(http.StatusOK) })
	srv := httptest.NewServer(r)
	defer srv.Close()
	tick := time.NewTicker(d / time.Duration(n))
	defer tick.Stop()
	out := make([]time.Duration, n)
	for i := range n {
		<-tick.C
		t0 := time.Now()
		resp, err := http.Get(srv.URL)
		require.NoError(tb, err)
		resp.Body.Close()
		out[i] = time.Since(t0)
	}
	return out
}

// ReportLatencies adds p50, p99 and the count (named unit) of ls to a
// benchmark.
func ReportLatencies(b *testing.B, ls []time.Duration, unit string) {
	r := Summarise(ls, time.Second)
	b.ReportMetric(r.Percentile(50), "p50-ms")
	b.ReportMetric(r.Percentile(99), "p99-ms")
	b.ReportMetric(float64(len(ls)), unit)
}
