package tasks

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/metrics"
)

// Scheduler enqueues the Schedule's entries, each once per period however
// many schedulers run. Every scheduler fires every entry at each of its
// period starts, and the task id names the period (PeriodID): the first
// enqueue wins and the others are refused by asynq, so no scheduler
// leads, none needs to be told another died, and the period is fired as
// long as one of them lives. Its clock must agree with the other
// schedulers' for all to name the same periods: it is checked against
// Redis's (CheckClock).
type Scheduler struct {
	client    *asynq.Client
	redisTime func(context.Context) (time.Time, error)
	periods   []period
	now       func() time.Time
	log       *slog.Logger
	metrics   *metrics.Scheduler
	maxSkew   time.Duration
	mu        sync.Mutex
	stop      context.CancelFunc
	wg        sync.WaitGroup
}

// SchedulerOption sets an optional part of a Scheduler.
type SchedulerOption func(*Scheduler)

// SchedulerMetrics has the scheduler count the periods it fires and
// record its clock's skew in m.
func SchedulerMetrics(m *metrics.Scheduler) SchedulerOption {
	return func(s *Scheduler) { s.metrics = m }
}

// RedisClock is how the scheduler reads Redis's TIME to check its own
// clock against; without it the clock is not checked.
func RedisClock(read func(context.Context) (time.Time, error)) SchedulerOption {
	return func(s *Scheduler) { s.redisTime = read }
}

// MaxClockSkew is how far the scheduler's clock may be from Redis's
// before CheckClock fails (DefaultMaxClockSkew when zero).
func MaxClockSkew(d time.Duration) SchedulerOption {
	return func(s *Scheduler) { s.maxSkew = cmp.Or(d, DefaultMaxClockSkew) }
}

// NewScheduler builds the periodic-task scheduler; it enqueues the
// Schedule entries, tick being its base period, in the corp time zone loc.
// now is its clock (time.Now when nil).
func NewScheduler(conn asynq.RedisConnOpt, loc string, tick time.Duration, log *slog.Logger, now func() time.Time,
	opts ...SchedulerOption) (*Scheduler, error) {
	l, err := time.LoadLocation(loc)
	if err != nil {
		return nil, err
	}
	if now == nil {
		now = time.Now
	}
	s := &Scheduler{now: now, log: log.With("component", "scheduler"), maxSkew: DefaultMaxClockSkew}
	if s.periods, err = periodsOf(Schedule(tick), l, now()); err != nil {
		return nil, err
	}
	for _, o := range opts {
		o(s)
	}
	s.client = asynq.NewClient(conn)
	return s, nil
}

// periodsOf readies the entries; a task type twice is refused, as its
// periods would share their ids and one entry never run.
func periodsOf(entries []Periodic, loc *time.Location, now time.Time) ([]period, error) {
	var ps []period
	seen := map[string]bool{}
	for _, p := range entries {
		if seen[p.Task.Type()] {
			return nil, fmt.Errorf("schedule %s: the task type is scheduled twice", p.Task.Type())
		}
		seen[p.Task.Type()] = true
		e, err := newPeriod(p, loc, now)
		if err != nil {
			return nil, err
		}
		ps = append(ps, e)
	}
	return ps, nil
}

// ErrSchedulerStarted is Start's answer once the scheduler has started:
// a second set of loops would fire every period twice over.
var ErrSchedulerStarted = errors.New("scheduler already started")

// Start fires every entry from now on, each in a goroutine of its own,
// and checks the clock now and every clockCheckEvery.
func (s *Scheduler) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stop != nil {
		return ErrSchedulerStarted
	}
	ctx, stop := context.WithCancel(context.Background())
	s.stop = stop
	s.wg.Go(func() { s.watchClock(ctx) })
	for _, p := range s.periods {
		s.wg.Go(func() { s.run(ctx, p) })
	}
	return nil
}

// Shutdown stops firing, waits for an enqueue under way, and closes the
// scheduler's Redis connection.
func (s *Scheduler) Shutdown() {
	s.mu.Lock()
	if s.stop != nil {
		s.stop()
	}
	s.mu.Unlock()
	s.wg.Wait()
	s.client.Close()
}

// run fires p at each start. The next start is counted from the last one
// fired, not from the moment it was fired, so a late wake-up neither skips
// nor repeats a period; after a stall longer than p's catch-up the
// periods missed are left, and the current one is fired.
func (s *Scheduler) run(ctx context.Context, p period) {
	for start := p.due(s.now()); ; start = p.Next(later(start, s.now().Add(-p.catchUp))) {
		if app.Sleep(ctx, start.Sub(s.now())) != nil {
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
			s.metrics.Period(p.Task.Type(), metrics.PeriodMissed)
			return
		}
		_, err := s.client.EnqueueContext(ctx, p.Task, p.options(start)...)
		switch {
		case err == nil:
			log.DebugContext(ctx, "periodic task enqueued")
			s.metrics.Period(p.Task.Type(), metrics.PeriodEnqueued)
			return
		case errors.Is(err, asynq.ErrTaskIDConflict):
			log.DebugContext(ctx, "periodic task already enqueued")
			s.metrics.Period(p.Task.Type(), metrics.PeriodAlready)
			return
		case ctx.Err() != nil: // shutting down: another scheduler, or this one restarted, fires it
			log.DebugContext(ctx, "periodic task not enqueued: shutting down", "err", err)
			return
		case s.now().Add(wait).After(start.Add(p.catchUp)) || app.Sleep(ctx, wait) != nil:
			log.WarnContext(ctx, "periodic task not enqueued; the next period's will be", "err", err)
			s.metrics.Period(p.Task.Type(), metrics.PeriodMissed)
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
