package tasks

import (
	"time"

	"github.com/hibiken/asynq"
)

// Periodic is one entry of the schedule: a cron spec in the corp time zone
// and the task it enqueues.
type Periodic struct {
	Cron string
	Task *asynq.Task
	Opts []asynq.Option
}

// Schedule lists the periodic tasks. Each entry should carry asynq.Unique
// for its period, so that several scheduler processes (one per worker
// deployment) enqueue it once between them. Capabilities add their entries
// here as they arrive (directory reconcile, SOP ticks, reports).
//
// tick is the schedule's base period (config scheduler.tick, a minute in
// production): the minute sweeps run every tick and the longer passes
// every few ticks, so a demo or a test can run the whole schedule faster
// without changing its proportions.
func Schedule(tick time.Duration) []Periodic {
	return []Periodic{
		{Cron: every(tick, 1), Task: NewRelayTask(), Opts: []asynq.Option{asynq.Queue(QueueLow), unique(tick, 1)}},
		// Every minute, so a corp registered a moment ago starts its first
		// sync promptly; the reconcile itself decides which corps are due.
		{Cron: every(tick, 1), Task: NewReconcileTask(), Opts: []asynq.Option{asynq.Queue(QueueLow), unique(tick, 1)}},
		// Not retried either: the next minute's pass takes every corp again.
		{Cron: every(tick, 1), Task: NewAssignPoolTask(), Opts: []asynq.Option{asynq.Queue(QueueDefault), unique(tick, 1), asynq.MaxRetry(0)}},
		// Every minute, so a shift starting or ending moves a channel's
		// customers within a minute; not retried, the next pass is as good.
		{Cron: every(tick, 1), Task: NewChannelMaintainTask(), Opts: []asynq.Option{asynq.Queue(QueueDefault), unique(tick, 1), asynq.MaxRetry(0)}},
		// Not retried: the next minute's pass takes what is still uncredited.
		{Cron: every(tick, attributionCatchUpEvery), Task: NewAttributionCatchUpTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), unique(tick, attributionCatchUpEvery), asynq.MaxRetry(0)}},
		{Cron: every(tick, rfmSweepEvery), Task: NewRFMSweepTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), unique(tick, rfmSweepEvery), asynq.MaxRetry(0)}},
		{Cron: every(tick, orderRelinkEvery), Task: NewOrderRelinkTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), unique(tick, orderRelinkEvery), asynq.MaxRetry(0)}},
		// At 03:30, when stores are closed; retried, so a night is not lost.
		{Cron: "30 3 * * *", Task: NewRFMNightlyTask(), Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.Unique(23 * time.Hour), asynq.MaxRetry(5)}},
		// At 04:30, after the RFM thresholds of the night are taken: once
		// a night across schedulers; retried, so a night is not lost.
		{Cron: "30 4 * * *", Task: NewUpliftNightlyTask(), Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.Unique(23 * time.Hour), asynq.MaxRetry(5),
			asynq.Timeout(time.Hour)}},
		// Not retried: the next pass finds the segment still due.
		{Cron: every(tick, segmentRefreshEvery), Task: NewSegmentRefreshTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), unique(tick, segmentRefreshEvery), asynq.MaxRetry(0)}},
		{Cron: every(tick, transferFollowEvery), Task: NewTransferFollowTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), unique(tick, transferFollowEvery)}},
		// Not retried: the next minute's sweep takes what is still unsent.
		{Cron: every(tick, remindSweepEvery), Task: NewRemindSweepTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), unique(tick, remindSweepEvery), asynq.MaxRetry(0)}},
		// Not retried: the next run sends what is still unclaimed or unsent.
		{Cron: every(tick, digestRunEvery), Task: NewDigestRunTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), unique(tick, digestRunEvery), asynq.MaxRetry(0)}},
		// Not retried: the next minute's pass finds the same sends.
		{Cron: every(tick, massSendFollowEvery), Task: NewMassSendFollowTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), unique(tick, massSendFollowEvery), asynq.MaxRetry(0)}},
		// Not retried: the next tick takes what is still due (within each
		// journey's catch-up window) and the fires still pending.
		{Cron: every(tick, journeyTickEvery), Task: NewJourneyTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), unique(tick, journeyTickEvery), asynq.MaxRetry(0)}},
		// Not retried: the next minute's tick fires what is still due
		// within the SOP's catch-up window, and finishes pending fires.
		{Cron: every(tick, groupSOPTickEvery), Task: NewGroupSOPTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), unique(tick, groupSOPTickEvery), asynq.MaxRetry(0)}},
		// Not retried: the next minute's tick finds the same helps due.
		{Cron: every(tick, referralTickEvery), Task: NewReferralTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), unique(tick, referralTickEvery), asynq.MaxRetry(0)}},
		// Not retried: the next tick queues the same corps' days again,
		// and a night's run until it has run.
		{Cron: every(tick, statsTickEvery), Task: NewStatsTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), unique(tick, statsTickEvery), asynq.MaxRetry(0)}},
		// Not retried: the next tick finds the pull still unfinished; the
		// pull itself is one task per corp and day, retried.
		{Cron: every(tick, behaviorTickEvery), Task: NewBehaviorTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), unique(tick, behaviorTickEvery), asynq.MaxRetry(0)}},
	}
}

// every is the cron spec of a period of n ticks.
func every(tick time.Duration, n int) string { return "@every " + (time.Duration(n) * tick).String() }

// unique holds a period's task unique for just under its n ticks, so
// several schedulers enqueue it once a period: ten seconds under it, or a
// sixth under for a tick shortened below a minute.
func unique(tick time.Duration, n int) asynq.Option {
	p := time.Duration(n) * tick
	return asynq.Unique(p - min(10*time.Second, p/6))
}
