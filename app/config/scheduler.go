package config

import "time"

// Scheduler times the periodic work. Tick is the schedule's base period:
// the minute sweeps (reminders, mass-send follow-ups, group SOP ticks,
// pools, channel routing) run every tick and the longer passes every few
// ticks. A minute in production; a demo or a test may shorten it to see
// the schedule's effects sooner.
type Scheduler struct {
	Tick time.Duration `koanf:"tick"`
	// MaxClockSkew is how far a scheduler's clock may be from Redis's
	// TIME: beyond it the scheduler logs an error, its
	// siyu_scheduler_clock_skew_seconds shows it, and a scheduler-only
	// process answers /readyz 503, since schedulers whose clocks disagree
	// fire periods for the wrong window.
	MaxClockSkew time.Duration `koanf:"max_clock_skew"`
}

func (s Scheduler) validate(bad reporter) {
	if s.Tick < time.Second {
		bad("scheduler.tick", "must be at least 1s, got %s", s.Tick)
	}
	if s.MaxClockSkew < time.Second {
		bad("scheduler.max_clock_skew", "must be at least 1s, got %s", s.MaxClockSkew)
	}
}
