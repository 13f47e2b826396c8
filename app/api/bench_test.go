package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// benchCallbacks is how many distinct callbacks one run posts; loadClients
// is how many connections post them at once, as WeCom's pushers would.
const (
	benchCallbacks = 20_000
	loadClients    = 32
)

// BenchmarkCallbackAcks posts distinct, signed, encrypted callbacks to the
// real endpoint on MariaDB + Redis over loopback HTTP (verify, decrypt,
// parse, insert into the inbox, enqueue, answer 200) and reports acks/s and
// latency percentiles. "ceiling" is a bare Gin handler answering 200 to the
// same load in the same run: what HTTP on this machine allows.
func BenchmarkCallbackAcks(b *testing.B) {
	b.Run("ceiling", func(b *testing.B) {
		gin.SetMode(gin.ReleaseMode)
		r := gin.New()
		r.POST("/wecom/callback/:corp", func(c *gin.Context) { c.Status(http.StatusOK) })
		for b.Loop() {
			load(b, r, make([]string, benchCallbacks), make([][]byte, benchCallbacks))
		}
	})
	b.Run("siyu", func(b *testing.B) {
		rig := newCallbackRig(b, config.DriverMySQL, config.RedisStandalone)
		for b.Loop() {
			queries, bodies := sealMany(b, rig, benchCallbacks)
			load(b, rig.h, queries, bodies)
		}
	})
}

// sealMany prepares n distinct deliveries (each its own customer).
func sealMany(b *testing.B, rig *callbackRig, n int) ([]string, [][]byte) {
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	queries, bodies := make([]string, n), make([][]byte, n)
	run := time.Now().UnixNano()
	for i := range n {
		plain := strings.Replace(eventXML("del_follow_user", time.Now().Unix()), "wm1", fmt.Sprintf("wm%d-%d", run, i), 1)
		body, sig, err := rig.c.SealCallback([]byte(plain), stamp, "n"+strconv.Itoa(i))
		require.NoError(b, err)
		queries[i] = url.Values{"msg_signature": {sig}, "timestamp": {stamp}, "nonce": {"n" + strconv.Itoa(i)}}.Encode()
		bodies[i] = body
	}
	return queries, bodies
}

// load posts every delivery to h over loopback and reports acks/s and
// p50/p99.
func load(b *testing.B, h http.Handler, queries []string, bodies [][]byte) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	urls := make([]string, len(bodies))
	for i := range urls {
		urls[i] = srv.URL + "/wecom/callback/" + cbCorp + "?" + queries[i]
	}
	testkit.PostAll(b, urls, bodies, loadClients).Report(b, "acks/s")
}
