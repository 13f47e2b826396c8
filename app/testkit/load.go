package testkit

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// LoadResult is what a load run measured.
type LoadResult struct {
	Elapsed   time.Duration
	Latencies []time.Duration // sorted
}

// PerSecond is requests per second over the run.
func (r LoadResult) PerSecond() float64 { return float64(len(r.Latencies)) / r.Elapsed.Seconds() }

// Percentile returns the latency at p (0–100) in milliseconds.
func (r LoadResult) Percentile(p int) float64 {
	return float64(r.Latencies[min(len(r.Latencies)*p/100, len(r.Latencies)-1)].Microseconds()) / 1000
}

// Report adds reqs/s (named unit) and p50/p99 to a benchmark.
func (r LoadResult) Report(b *testing.B, unit string) {
	b.ReportMetric(r.PerSecond(), unit)
	b.ReportMetric(r.Percentile(50), "p50-ms")
	b.ReportMetric(r.Percentile(99), "p99-ms")
}

// PostAll posts bodies[i] to urls[i], each once, from clients connections
// at once, and fails tb on any answer but 200. Loopback only: it is for
// benchmarks of servers the test itself runs.
func PostAll(tb testing.TB, urls []string, bodies [][]byte, clients int) LoadResult {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	lat := make([]time.Duration, len(bodies))
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(bodies); i = int(next.Add(1)) - 1 {
				t0 := time.Now()
				resp, err := client.Post(urls[i], "text/xml", strings.NewReader(string(bodies[i])))
				if err != nil || resp.StatusCode != http.StatusOK {
					tb.Errorf("post %d: %v %v", i, err, resp)
					return
				}
				resp.Body.Close()
				lat[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	return Summarise(lat, time.Since(start))
}

// Summarise makes a LoadResult of latencies measured over elapsed.
func Summarise(latencies []time.Duration, elapsed time.Duration) LoadResult {
	r := LoadResult{Elapsed: elapsed, Latencies: latencies}
	slices.Sort(r.Latencies)
	return r
}

// Paced runs do(0 … requests-1) from clients goroutines, each starting
// one every `every` (spread over the period; back to back when 0), and
// measures each call: the load of people opening pages, applied alike to
// Siyu's pages and to the ceilings beside them. It fails tb on an error.
func Paced(tb testing.TB, clients, requests int, every time.Duration, do func(i int) error) LoadResult {
	lat := make([]time.Duration, requests)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			time.Sleep(every * time.Duration(c) / time.Duration(clients))
			next := time.Now()
			for i := c; i < requests; i += clients {
				time.Sleep(time.Until(next))
				next = next.Add(every)
				t0 := time.Now()
				if err := do(i); err != nil {
					tb.Errorf("request %d: %v", i, err)
					return
				}
				lat[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	return Summarise(lat, time.Since(start))
}
