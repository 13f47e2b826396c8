package tasks

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/hibiken/asynq"
)

// Scheduler enqueues the Schedule's entries, each once per period however
// many schedulers run. Every scheduler fires every entry at each of its
// period starts, and the task id names the period (PeriodID): the first
// enqueue wins and the others are refused by asynq, so no scheduler
// leads, none needs to be told another died, and the period is fired as
// long as one of them lives.
type Scheduler struct {
	client  *asynq.Client
	periods []period
	now     func() time.Time
	log     *slog.Logger
	stop    context.CancelFunc
	wg      sync.WaitGroup
}

// NewScheduler builds the periodic-task scheduler; it enqueues the
// Schedule entries, tick being its base period, in the corp time zone loc.
// now is its clock (time.Now when nil).
func NewScheduler(conn asynq.RedisConnOpt, loc string, tick time.Duration, log *slog.Logger, now func() time.Time) (*Scheduler, error) {
	l, err := time.LoadLocation(loc)
	if err != nil {
		return nil, err
	}
	if now == nil {
		now = time.Now
	}
	s := &Scheduler{now: now, log: log.With("component", "scheduler")}
	for _, p := range Schedule(tick) {
		e, err := newPeriod(p, l, now())
		if err != nil {
			return nil, err
		}
		s.periods = append(s.periods, e)
	}
	s.client = asynq.NewClient(conn)
	return s, nil
}

// Start fires every entry from now on, each in a goroutine of its own.
func (s *Scheduler) Start() error {
	ctx, stop := context.WithCancel(context.Background())
	s.stop = stop
	for _, p := range s.periods {
		s.wg.Go(func() { s.run(ctx, p) })
	}
	return nil
}

// Shutdown stops firing, waits for an enqueue under way, and closes the
// scheduler's Redis connection.
func (s *Scheduler) Shutdown() {
	if s.stop != nil {
		s.stop()
	}
	s.wg.Wait()
	s.client.Close()
}

// run fires p at each start. The next start is counted from the last one
// fired, not from the moment it was fired, so a late wake-up neither skips
// nor repeats a period; after a stall longer than p's catch-up the
// periods missed are left, and the current one is fired.
func (s *Scheduler) run(ctx context.Context, p period) {
	for start := p.due(s.now()); ; start = p.Next(later(start, s.now().Add(-p.catchUp))) {
		if !sleep(ctx, start.Sub(s.now())) {
			return
		}
		s.fire(ctx, p, start)
	}
}

// fire enqueues p's task of the period starting at start. A refusal for
// the period's id means another scheduler (or this one, before a restart)
// was first: the period is enqueued, nothing is wrong. Any other error is
// tried again, 1 s, 2 s, 4 s … later, while the period's catch-up lasts.
func (s *Scheduler) fire(ctx context.Context, p period, start time.Time) {
	log := s.log.With("type", p.Task.Type(), "task_id", PeriodID(p.Task.Type(), start))
	for wait := time.Second; ; wait *= 2 {
		if s.now().After(start.Add(p.catchUp)) { // woken late (a stall, a clock step): the period's id may be gone
			log.WarnContext(ctx, "periodic task's period is past; the next period's will be")
			return
		}
		_, err := s.client.EnqueueContext(ctx, p.Task, p.options(start)...)
		switch {
		case err == nil:
			log.DebugContext(ctx, "periodic task enqueued")
			return
		case errors.Is(err, asynq.ErrTaskIDConflict):
			log.DebugContext(ctx, "periodic task already enqueued")
			return
		case s.now().Add(wait).After(start.Add(p.catchUp)) || !sleep(ctx, wait):
			log.WarnContext(ctx, "periodic task not enqueued; the next period's will be", "err", err)
			return
		}
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// sleep waits d, reporting false if ctx ended first.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
