package tasks

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

// Worker is the task worker: one asynq server for the configured queues,
// one with its own pool for QueueReads, and one for QueueCritical.
type Worker struct {
	pools []*asynq.Server
}

// Default pool sizes when the configuration leaves them out. Reads: WeCom's
// limit (a third under 10,000 a minute) is about 100 reads a second, which
// four slots at tens of milliseconds each reach. Critical: onboarding an
// add takes one short transaction and one WeCom call.
const (
	DefaultReadConcurrency     = 4
	DefaultCriticalConcurrency = 8
	DefaultPollInterval        = 100 * time.Millisecond
)

// NewServer builds the worker. Start it with Start, not Run: the process
// owns signal handling and shuts the worker down in its own order. The
// critical queue has a pool of its own, so a welcome message (due within
// WeCom's 20 seconds) never waits behind a burst of events or a sync.
func NewServer(conn asynq.RedisConnOpt, cfg config.Worker, log *slog.Logger) *Worker {
	main := cfg
	main.Queues = maps.Clone(cfg.Queues)
	delete(main.Queues, QueueCritical)
	if len(main.Queues) == 0 {
		main.Queues = map[string]int{QueueDefault: 1}
	}
	pool := func(queue string, n, def int) config.Worker {
		c := cfg
		c.Concurrency, c.Queues = cmp.Or(max(n, 0), def), map[string]int{queue: 1}
		return c
	}
	return &Worker{pools: []*asynq.Server{
		newServer(conn, main, log),
		newServer(conn, pool(QueueReads, cfg.ReadConcurrency, DefaultReadConcurrency), log.With("pool", "reads")),
		newServer(conn, pool(QueueCritical, cfg.CriticalConcurrency, DefaultCriticalConcurrency), log.With("pool", "critical")),
	}}
}

// Start runs every pool with the handlers of mux; if one cannot start,
// those started are shut down again.
func (w *Worker) Start(mux *asynq.ServeMux) error {
	for i, p := range w.pools {
		if err := p.Start(mux); err != nil {
			for _, started := range w.pools[:i] {
				started.Shutdown()
			}
			return err
		}
	}
	return nil
}

// Shutdown stops every pool, each handing unfinished tasks back to the
// queue after the shutdown timeout.
func (w *Worker) Shutdown() {
	var wg sync.WaitGroup
	for _, p := range w.pools {
		wg.Go(p.Shutdown)
	}
	wg.Wait()
}

func newServer(conn asynq.RedisConnOpt, cfg config.Worker, log *slog.Logger) *asynq.Server {
	return asynq.NewServer(conn, asynq.Config{
		Concurrency: cfg.Concurrency,
		Queues:      cfg.Queues,
		// asynq looks for new work every second once its queues are empty;
		// an add's work crosses two queues before its welcome, which the
		// customer's 20 seconds cannot spare. A tenth of that costs a few
		// Redis calls a second per idle pool.
		TaskCheckInterval: cmp.Or(cfg.PollInterval, DefaultPollInterval),
		ShutdownTimeout:   cfg.ShutdownTimeout,
		Logger:            logAdapter{log.With("component", "asynq")},
		LogLevel:          asynq.InfoLevel,
		// A rate-limited call is WeCom asking us to wait, not a fault: it is
		// retried without counting against the task's retry budget.
		IsFailure:      func(err error) bool { return app.ErrorCode(err) != app.ERATELIMITED },
		RetryDelayFunc: retryDelay,
		ErrorHandler: asynq.ErrorHandlerFunc(func(ctx context.Context, t *asynq.Task, err error) {
			id, _ := asynq.GetTaskID(ctx)
			retried, _ := asynq.GetRetryCount(ctx)
			maxRetry, _ := asynq.GetMaxRetry(ctx)
			log.WarnContext(ctx, "task failed", "type", t.Type(), "task_id", id, "retry", retried, "max_retry", maxRetry, "err", err)
		}),
	})
}

// retryDelay waits 1 s, 2 s, 4 s … up to 5 minutes, with ±20% jitter so
// tasks that failed together (a database restart) do not retry together.
// asynq's default starts at 15–45 s, too slow for a customer who just
// added a guide once the database is back.
func retryDelay(n int, _ error, _ *asynq.Task) time.Duration {
	d := min(time.Second<<min(n, 9), 5*time.Minute)
	return d - d/5 + time.Duration(rand.Int64N(int64(d/5)*2+1))
}

// logAdapter sends asynq's logs to slog.
type logAdapter struct{ l *slog.Logger }

func (a logAdapter) Debug(args ...any) { a.l.Debug(fmt.Sprint(args...)) }
func (a logAdapter) Info(args ...any)  { a.l.Info(fmt.Sprint(args...)) }
func (a logAdapter) Warn(args ...any)  { a.l.Warn(fmt.Sprint(args...)) }
func (a logAdapter) Error(args ...any) { a.l.Error(fmt.Sprint(args...)) }
func (a logAdapter) Fatal(args ...any) { a.l.Error(fmt.Sprint(args...)) }
