package tasks

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// DefaultMaxClockSkew is how far a scheduler's clock may be from Redis's
// when the configuration says nothing (scheduler.max_clock_skew): each
// scheduler names a period by the schedule's start, not its clock, so
// clocks a few seconds apart fire the same periods, but one far off fires
// (and retires) a period's task when the others do not expect it.
const DefaultMaxClockSkew = 30 * time.Second

// clockCheckEvery is how often a running scheduler checks its clock.
const clockCheckEvery = time.Minute

// CheckClock compares the scheduler's clock with Redis's TIME (on a
// cluster, any node's: Redis Cluster nodes keep their own clocks, kept by
// the same NTP), records the skew, and fails, naming it, when it exceeds
// the bound. Every scheduler compares with the same Redis, so two within
// the bound of it are within twice the bound of each other. Without a
// RedisClock it checks nothing.
func (s *Scheduler) CheckClock(ctx context.Context) error {
	if s.redisTime == nil {
		return nil
	}
	skew, err := s.clockSkew(ctx)
	if err != nil {
		return fmt.Errorf("redis TIME: %w", err)
	}
	s.metrics.ClockSkew(skew)
	if skew.Abs() > s.maxSkew {
		return app.Errorf(app.EUNAVAILABLE, "调度器时钟与 Redis 相差 %s，超过允许的 %s，请校准本机时间 (NTP) / scheduler clock is %s off Redis TIME, more than scheduler.max_clock_skew %s: fix this host's time (NTP)",
			skew.Round(time.Second), s.maxSkew, skew.Round(time.Second), s.maxSkew)
	}
	return nil
}

// clockSkew is the scheduler's clock minus Redis's, read half-way through
// the round trip.
func (s *Scheduler) clockSkew(ctx context.Context) (time.Duration, error) {
	sent := s.now()
	theirs, err := s.redisTime(ctx)
	if err != nil {
		return 0, err
	}
	ours := sent.Add(s.now().Sub(sent) / 2)
	return ours.Sub(theirs), nil
}

// watchClock checks the clock at start and every clockCheckEvery,
// logging an error while it is off: periods are still fired (a lone
// scheduler stopping would stop all periodic work), but an operator must
// fix the host's time.
func (s *Scheduler) watchClock(ctx context.Context) {
	for s.redisTime != nil {
		check, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := s.CheckClock(check)
		cancel()
		switch {
		case ctx.Err() != nil:
			return
		case app.ErrorCode(err) == app.EUNAVAILABLE:
			s.log.ErrorContext(ctx, "scheduler clock is off", "err", err)
		case err != nil:
			s.log.WarnContext(ctx, "scheduler clock not checked", "err", err)
		}
		if app.Sleep(ctx, clockCheckEvery) != nil {
			return
		}
	}
}
