package directory_test

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// BenchmarkAppliedEvents measures events applied per second end to end on
// MariaDB + Redis: signed callbacks posted to the endpoint by 32 clients,
// stored, queued and applied by the worker (concurrency 16, the default), timed until the
// inbox has no pending row (events/s), then until the queue is empty
// (settled/s). "deletions" need no WeCom read; "adds" are written from the
// event, and each then queues a read of the customer from WeCom
// (externalcontact/get), which WeCom caps at 10,000 calls a minute per
// corp: settled/s for adds is that read pace. "ceiling" pushes the same number of
// no-op tasks through an asynq worker of the same concurrency on the same
// Redis: the queue's own limit.
func BenchmarkAppliedEvents(b *testing.B) {
	n := testkit.ScaleSize(10_000, 1_000) // small under CI, whose one pass keeps it from rotting
	b.Run("ceiling", func(b *testing.B) {
		for b.Loop() {
			noopCeiling(b, n)
		}
	})
	b.Run("deletions", func(b *testing.B) {
		for b.Loop() {
			s := startSiyu(b, config.DriverMySQL, config.RedisStandalone)
			urls, bodies := contactEvents(s, "del_follow_user", fakePairs(n))
			applyAll(b, s, urls, bodies)
		}
	})
	b.Run("adds", func(b *testing.B) {
		for b.Loop() {
			s := startSiyu(b, config.DriverMySQL, config.RedisStandalone)
			_, err := s.sc.SeedBulk(sandbox.Bulk{Members: 50, Customers: n})
			require.NoError(b, err)
			urls, bodies := contactEvents(s, "add_external_contact", seededPairs(s))
			applyAll(b, s, urls, bodies)
		}
	})
}

type pair struct{ user, ext string }

func fakePairs(n int) []pair {
	out := make([]pair, n)
	for i := range out {
		out[i] = pair{fmt.Sprintf("guide%d", i%50), fmt.Sprintf("wm_bench_%d", i)}
	}
	return out
}

func seededPairs(s *siyu) []pair {
	var out []pair
	for _, f := range s.sc.Snapshot().Follows {
		out = append(out, pair{f.UserID, f.ExternalUserID})
	}
	return out
}

// contactEvents seals one event of change per pair for s's corp.
func contactEvents(s *siyu, change string, pairs []pair) (urls []string, bodies [][]byte) {
	cfg := s.sc.Config()
	c, _ := wecom.NewCrypter(cfg.Token, cfg.EncodingAESKey, cfg.CorpID)
	now := s.sc.Now().Unix()
	// Signed with the wall-clock time of sending, as WeCom signs, whatever
	// the corp's business clock says; the event keeps the corp's time.
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	for i, p := range pairs {
		plain := fmt.Sprintf(`<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>%d</CreateTime>`+
			`<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[%s]]></ChangeType>`+
			`<UserID><![CDATA[%s]]></UserID><ExternalUserID><![CDATA[%s]]></ExternalUserID></xml>`, cfg.CorpID, now, change, p.user, p.ext)
		nonce := "n" + strconv.Itoa(i)
		body, sig, _ := c.SealCallback([]byte(plain), stamp, nonce)
		urls = append(urls, cfg.CallbackURL+"?msg_signature="+sig+"&timestamp="+stamp+"&nonce="+nonce)
		bodies = append(bodies, body)
	}
	return urls, bodies
}

// applyAll posts every event and waits until all are applied.
func applyAll(b *testing.B, s *siyu, urls []string, bodies [][]byte) {
	start := time.Now()
	testkit.PostAll(b, urls, bodies, 32)
	if b.Failed() { // a refused post is never applied: waiting would hang
		b.FailNow()
	}
	for {
		var pending, done int
		require.NoError(b, s.db.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE status = 'pending'").Scan(&pending))
		require.NoError(b, s.db.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE status <> 'pending'").Scan(&done))
		if pending == 0 && done == len(bodies) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.ReportMetric(float64(len(bodies))/time.Since(start).Seconds(), "events/s")
	for s.queued() != 0 {
		time.Sleep(20 * time.Millisecond)
	}
	b.ReportMetric(float64(len(bodies))/time.Since(start).Seconds(), "settled/s")
}

func noopCeiling(b *testing.B, n int) {
	r := testkit.OpenRedis(b, testkit.RedisConfig(b, config.RedisStandalone))
	var done atomic.Int64
	mux := tasks.NewServeMux(tasks.Deps{Log: testkit.Logger(b), Metrics: metrics.New(), Enqueuer: tasks.NewEnqueuer(nil)})
	mux.HandleFunc("bench:noop", func(context.Context, *asynq.Task) error { done.Add(1); return nil })
	srv := tasks.NewServer(r.Conn, config.Worker{Concurrency: 16, ShutdownTimeout: time.Second, Queues: map[string]int{tasks.QueueDefault: 1}}, testkit.Logger(b))
	require.NoError(b, srv.Start(mux))
	defer srv.Shutdown()
	client := asynq.NewClient(r.Conn)
	defer client.Close()
	start := time.Now()
	for range n {
		_, err := client.Enqueue(asynq.NewTask("bench:noop", nil))
		require.NoError(b, err)
	}
	for done.Load() < int64(n) {
		time.Sleep(time.Millisecond)
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "events/s")
}
