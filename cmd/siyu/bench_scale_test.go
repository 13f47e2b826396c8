package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app/testkit"
)

// envScaleEvents sets how many callbacks each round of BenchmarkScaleOut
// posts (scripts/bench sets the full size); unset, a round is small, so
// scripts/test's one pass keeps the benchmark from rotting in seconds.
const envScaleEvents = "SIYU_BENCH_SCALE_EVENTS"

// scaleClients is how many connections the load generator posts from,
// whatever the number of API instances, so rounds compare alike.
const scaleClients = 64

// BenchmarkScaleOut posts distinct signed, encrypted del_follow_user
// callbacks (real sandbox events of seeded follows that Siyu mirrors) over
// loopback, round-robin across N `siyu serve --roles api` processes while
// N `--roles worker` processes apply them, for N = 1, 2, 4, on single-node
// MariaDB + Redis and on the clustered engines (3-node Galera + Redis
// Cluster). It reports acks/s (200s per second while posting) and
// events/s (inbox rows no longer pending, from the first post until the
// last is applied), and, from /proc, the cores each kind of process used
// over the round: where a 2-core machine stops the figures. "ceiling" is a
// bare Gin handler answering the same load in the same run.
func BenchmarkScaleOut(b *testing.B) {
	events := scaleEvents(b)
	table := &scaleTable{}
	b.Run("ceiling", func(b *testing.B) {
		for b.Loop() {
			table.add(ginCeiling(b, events))
		}
	})
	for _, eng := range []string{engineSingle, engineCluster} {
		b.Run(eng, func(b *testing.B) {
			rig := newScaleRig(b, eng)
			for _, n := range []int{1, 2, 4} {
				rig.grow(b, n) // on the engine's b: the processes outlive the round
				b.Run(strconv.Itoa(n), func(b *testing.B) {
					b.Log(rig.describe())
					for b.Loop() {
						table.add(rig.round(b, events))
					}
				})
			}
		})
	}
	// A parent benchmark's log shows only under -v: the table gets a
	// sub-benchmark of its own.
	b.Run("table", func(b *testing.B) {
		for b.Loop() {
		}
		table.log(b)
	})
}

// scaleEvents is the round size: envScaleEvents, or 300.
func scaleEvents(b *testing.B) int {
	v := os.Getenv(envScaleEvents)
	if v == "" {
		return 300
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive number", envScaleEvents, v)
	}
	return n
}

// ginCeiling answers the same number of posts of a callback's size with
// a bare Gin handler in this process: what HTTP over loopback allows,
// measured with the same load generator.
func ginCeiling(b *testing.B, n int) scaleRow {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.POST("/wecom/callback/:corp", func(c *gin.Context) { c.String(http.StatusOK, "hello") })
	srv := httptest.NewServer(r)
	defer srv.Close()
	urls, bodies := make([]string, n), make([][]byte, n)
	body := []byte(strings.Repeat("x", 700)) // about a sealed event's size
	for i := range urls {
		urls[i], bodies[i] = srv.URL+"/wecom/callback/ceiling", body
	}
	m := newMeter(nil)
	before := m.sample()
	res := testkit.PostAll(b, urls, bodies, scaleClients)
	res.Report(b, "acks/s")
	row := scaleRow{name: "ceiling (bare Gin)", acks: res.PerSecond(), p99: res.Percentile(99)}
	row.cores = m.sample().since(before)
	return row
}
