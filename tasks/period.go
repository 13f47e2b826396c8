package tasks

import (
	"fmt"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/robfig/cron/v3"
)

// PeriodID names the task of type taskType that the schedule enqueues for
// the period starting at start. Every scheduler computes the same start
// for a period (the schedule's nominal time, never its own clock's
// reading), so every scheduler names the period's task alike, and asynq
// takes the first enqueue and refuses the others (ErrTaskIDConflict).
func PeriodID(taskType string, start time.Time) string {
	return "periodic:" + taskType + ":" + start.UTC().Format(time.RFC3339Nano)
}

// periodRetentionMargin is how much longer than its period a periodic
// task's id is held after it ran: more than the clocks of two scheduler
// hosts could ever disagree (NTP keeps them within milliseconds).
const periodRetentionMargin = time.Minute

// maxCatchUp bounds how late a scheduler still fires a period: one
// started (or stalled) later than this into a period leaves it to the
// next, so a night's pass is not run at noon.
const maxCatchUp = 30 * time.Minute

// starts says when an entry's periods start.
type starts interface {
	// Next is the first period start after t.
	Next(t time.Time) time.Time
}

// grid starts a period every d, aligned to the zone's wall clock (a
// 15-minute pass at :00, :15, :30 and :45), so that schedulers started at
// different moments agree on every start.
type grid struct {
	d   time.Duration
	loc *time.Location
}

func (g grid) Next(t time.Time) time.Time {
	_, off := t.In(g.loc).Zone()
	shift := time.Duration(off) * time.Second
	return t.Add(shift).Truncate(g.d).Add(g.d - shift)
}

// zoned is a cron spec read in the zone loc.
type zoned struct {
	spec cron.Schedule
	loc  *time.Location
}

func (z zoned) Next(t time.Time) time.Time { return z.spec.Next(t.In(z.loc)) }

// parseStarts reads an entry's Cron: "@every D" is a grid of D aligned to
// the zone's wall clock (unlike cron's @every, which counts from the
// moment the process started); anything else is a standard cron spec.
func parseStarts(spec string, loc *time.Location) (starts, error) {
	if s, ok := strings.CutPrefix(spec, "@every "); ok {
		d, err := time.ParseDuration(s)
		if err != nil || d < time.Second {
			return nil, fmt.Errorf("bad period %q", spec)
		}
		return grid{d: d, loc: loc}, nil
	}
	c, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, err
	}
	return zoned{spec: c, loc: loc}, nil
}

// period is one entry of the schedule ready to fire: its starts, the
// length of its period and how late into a period it is still fired.
type period struct {
	Periodic
	starts
	length, catchUp time.Duration
}

func newPeriod(p Periodic, loc *time.Location, now time.Time) (period, error) {
	s, err := parseStarts(p.Cron, loc)
	if err != nil {
		return period{}, fmt.Errorf("schedule %s: %w", p.Task.Type(), err)
	}
	first := s.Next(now)
	length := s.Next(first).Sub(first)
	return period{Periodic: p, starts: s, length: length, catchUp: min(length/2, maxCatchUp)}, nil
}

// options are the entry's own options plus the period's task id, held
// after the task ran (completed, or archived once out of retries) for a
// period and a margin: longer than any scheduler still fires that
// period, so the task runs once whichever scheduler fires first.
func (p period) options(start time.Time) []asynq.Option {
	opts := make([]asynq.Option, 0, len(p.Opts)+2)
	opts = append(opts, p.Opts...)
	return append(opts, asynq.TaskID(PeriodID(p.Task.Type(), start)), asynq.Retention(p.length+periodRetentionMargin))
}

// due is the first start a scheduler whose clock reads now fires: the
// current period's if it began at most catchUp ago (a scheduler started,
// or restarted after a crash, just after a start still fires it),
// otherwise the next one.
func (p period) due(now time.Time) time.Time { return p.Next(now.Add(-p.catchUp)) }
