package tasks

import (
	"time"

	"github.com/hibiken/asynq"
)

// Period is a schedule entry ready to fire, for tests of its periods.
type Period = period

// NewPeriod reads p's periods in loc, as a scheduler started at now does.
func NewPeriod(p Periodic, loc *time.Location, now time.Time) (Period, error) {
	return newPeriod(p, loc, now)
}

// Options are those the scheduler enqueues the period starting at start with.
func (p period) Options(start time.Time) []asynq.Option { return p.options(start) }

// Due is the first start a scheduler whose clock reads now fires.
func (p period) Due(now time.Time) time.Time { return p.due(now) }

// Length is the entry's period.
func (p period) Length() time.Duration { return p.length }
