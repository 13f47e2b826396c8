package tasks_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// BenchmarkNoopThroughput measures enqueue→processed for a task that does
// nothing, through the production worker and middleware, on the embedded
// miniredis and on a real Redis. Run with -benchtime=5000x for stable
// figures; tasks/s is the end-to-end rate, enqueue/s the producer side alone.
// Beside each, "ceiling" moves the same number of items through a bare
// Redis list (8 pushers, 10 poppers): what that Redis can do for
// any queue on this machine.
func BenchmarkNoopThroughput(b *testing.B) {
	for _, mode := range []string{config.RedisEmbedded, config.RedisStandalone} {
		b.Run(mode+"/ceiling", func(b *testing.B) { rawListThroughput(b, mode) })
		b.Run(mode+"/asynq", func(b *testing.B) {
			r := testkit.OpenRedis(b, testkit.RedisConfig(b, mode))
			var done atomic.Int64
			mux := tasks.NewServeMux(tasks.Deps{Log: testkit.Logger(b), Metrics: metrics.New()})
			mux.HandleFunc("bench:noop", func(context.Context, *asynq.Task) error { done.Add(1); return nil })
			cfg := config.Worker{Concurrency: 10, ShutdownTimeout: time.Second, Queues: map[string]int{tasks.QueueDefault: 1}}
			srv := tasks.NewServer(r.Conn, cfg, testkit.Logger(b))
			require.NoError(b, srv.Start(mux))
			defer srv.Shutdown()
			client := asynq.NewClient(r.Conn)
			defer client.Close()

			b.ResetTimer()
			start := time.Now()
			enqueueAll(b, client, b.N, 8)
			enqueued := time.Since(start)
			for done.Load() < int64(b.N) {
				time.Sleep(time.Millisecond)
			}
			total := time.Since(start)
			b.StopTimer()
			b.ReportMetric(float64(b.N)/total.Seconds(), "tasks/s")
			b.ReportMetric(float64(b.N)/enqueued.Seconds(), "enqueue/s")
		})
	}
}

func enqueueAll(b *testing.B, client *asynq.Client, n, producers int) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range producers {
		wg.Go(func() {
			for next.Add(1) <= int64(n) {
				if _, err := client.Enqueue(asynq.NewTask("bench:noop", nil)); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// rawListThroughput pushes b.N items with 8 producers and pops them with 10
// consumers, the shape of the asynq run, with nothing else in between.
func rawListThroughput(b *testing.B, mode string) {
	r := testkit.OpenRedis(b, testkit.RedisConfig(b, mode))
	ctx := context.Background()
	var popped atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range 10 {
		wg.Go(func() {
			for popped.Load() < int64(b.N) {
				switch err := r.Client.LPop(ctx, "bench:list").Err(); {
				case err == nil:
					popped.Add(1)
				case errors.Is(err, redis.Nil):
					time.Sleep(100 * time.Microsecond) // empty: the pushers are behind
				default:
					b.Error(err)
					return
				}
			}
		})
	}
	var next atomic.Int64
	for range 8 {
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				if err := r.Client.RPush(ctx, "bench:list", "x").Err(); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "items/s")
}
