package config

import "time"

// Scheduler times the periodic work. Tick is the schedule's base period:
// the minute sweeps (reminders, mass-send follow-ups, group SOP ticks,
// pools, channel routing) run every tick and the longer passes every few
// ticks. A minute in production; a demo or a test may shorten it to see
// the schedule's effects sooner.
type Scheduler struct {
	Tick time.Duration `koanf:"tick"`
}

func (s Scheduler) validate(bad reporter) {
	if s.Tick < time.Second {
		bad("scheduler.tick", "must be at least 1s, got %s", s.Tick)
	}
}
