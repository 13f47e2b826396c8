package tasks

import (
	"fmt"
	"slices"
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

// periodRetries is how often a periodic task whose entry says nothing
// is retried within its period: a worker killed mid-run leaves the task
// to asynq's recoverer, which archives it for good once its retries are
// used up, and the period would not run.
const periodRetries = 2

// periodGrace is how many periods a pass may run in, from its start: its
// own and the next. A pass that waited in a busy queue past its period, or
// was retried after its worker died, still runs; with the period's end as
// the deadline a queue a minute behind dropped every minute's sweeps.
const periodGrace = 2

// deadlineFloor is the least time a pass has from its period's start,
// however short the period: a database node leaving or rejoining the
// cluster stalls writes for seconds, and a pass of a few seconds' period
// (a short scheduler.tick) must outlive that rather than be dropped.
const deadlineFloor = time.Minute

// deadline is when a pass of the period starting at start must be done.
func (p period) deadline(start time.Time) time.Time {
	return start.Add(max(periodGrace*p.length, deadlineFloor))
}

// passTimeout bounds a run of an entry that sets no Timeout of its own:
// asynq's default, which it drops for a task given a deadline; the
// earlier of the two ends the run.
const passTimeout = 30 * time.Minute

// options are the entry's own options plus the period's: its task id,
// held after the task ran (completed, or archived once out of retries)
// for a period and a margin, longer than any scheduler still fires that
// period, so the task runs once whichever scheduler fires first; retries
// and a timeout (periodRetries and passTimeout unless the entry sets its
// own); and a deadline at the end of the period after it (periodGrace),
// a minute from its start at the least (deadlineFloor).
// asynq cancels a run at its deadline and never starts one past it (a
// retry due later fails at once and ends archived), so a period's pass
// may run late, beside the next period's (every pass is an idempotent
// sweep), but never two periods late.
func (p period) options(start time.Time) []asynq.Option {
	opts := make([]asynq.Option, 0, len(p.Opts)+5)
	if !p.sets(asynq.MaxRetryOpt) {
		opts = append(opts, asynq.MaxRetry(periodRetries))
	}
	if !p.sets(asynq.TimeoutOpt) {
		opts = append(opts, asynq.Timeout(passTimeout))
	}
	opts = append(opts, p.Opts...)
	return append(opts, asynq.TaskID(PeriodID(p.Task.Type(), start)), asynq.Retention(p.length+periodRetentionMargin),
		asynq.Deadline(p.deadline(start)))
}

// sets reports whether the entry's own options include one of type t.
func (p period) sets(t asynq.OptionType) bool {
	return slices.ContainsFunc(p.Opts, func(o asynq.Option) bool { return o.Type() == t })
}

// due is the first start a scheduler whose clock reads now fires: the
// current period's if it began at most catchUp ago (a scheduler started,
// or restarted after a crash, just after a start still fires it),
// otherwise the next one.
func (p period) due(now time.Time) time.Time { return p.Next(now.Add(-p.catchUp)) }
