package tasks

import (
	"time"

	"github.com/hibiken/asynq"
)

// Periodic is one entry of the schedule: when its periods start, in the
// corp time zone, and the task it enqueues at each.
type Periodic struct {
	// Cron is "@every D", periods of D on the zone's wall clock (unlike
	// cron's @every, not counted from the process's start), or a
	// standard cron spec ("30 3 * * *").
	Cron string
	Task *asynq.Task
	// Opts are the task's own options; the Scheduler adds the period's
	// task id and its retention.
	Opts []asynq.Option
}

// Schedule lists the periodic tasks. The Scheduler enqueues each entry
// once per period whatever the number of schedulers, under a task id
// naming the period (PeriodID); entries carry no uniqueness option of
// their own. Capabilities add their entries here as they arrive
// (directory reconcile, SOP ticks, reports).
//
// tick is the schedule's base period (config scheduler.tick, a minute in
// production): the minute sweeps run every tick and the longer passes
// every few ticks, so a demo or a test can run the whole schedule faster
// without changing its proportions. Periods start on the zone's wall
// clock ("@every 15m0s" at :00, :15, :30 and :45).
//
// A pass not retried (MaxRetry(0)) whose worker is killed mid-run is
// archived by asynq once its lease expires, and the next period does its
// work: such a pass runs at least every 15 ticks. Longer
// periods (the nights) are retried, so a killed worker loses no night.
func Schedule(tick time.Duration) []Periodic {
	return []Periodic{
		{Cron: every(tick, 1), Task: NewRelayTask(), Opts: []asynq.Option{asynq.Queue(QueueLow)}},
		// Every minute, so a corp registered a moment ago starts its first
		// sync promptly; the reconcile itself decides which corps are due.
		{Cron: every(tick, 1), Task: NewReconcileTask(), Opts: []asynq.Option{asynq.Queue(QueueLow)}},
		// Not retried either: the next minute's pass takes every corp again.
		{Cron: every(tick, 1), Task: NewAssignPoolTask(), Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.MaxRetry(0)}},
		// Every minute, so a shift starting or ending moves a channel's
		// customers within a minute; not retried, the next pass is as good.
		{Cron: every(tick, 1), Task: NewChannelMaintainTask(), Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.MaxRetry(0)}},
		// Not retried: the next minute's pass takes what is still uncredited.
		{Cron: every(tick, attributionCatchUpEvery), Task: NewAttributionCatchUpTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.MaxRetry(0)}},
		{Cron: every(tick, rfmSweepEvery), Task: NewRFMSweepTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.MaxRetry(0)}},
		{Cron: every(tick, orderRelinkEvery), Task: NewOrderRelinkTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.MaxRetry(0)}},
		// At 03:30, when stores are closed; retried, so a night is not lost.
		{Cron: "30 3 * * *", Task: NewRFMNightlyTask(), Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.MaxRetry(5)}},
		// At 04:30, after the RFM thresholds of the night are taken: once
		// a night across schedulers; retried, so a night is not lost.
		{Cron: "30 4 * * *", Task: NewUpliftNightlyTask(), Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.MaxRetry(5),
			asynq.Timeout(time.Hour)}},
		// Not retried: the next pass finds the segment still due.
		{Cron: every(tick, segmentRefreshEvery), Task: NewSegmentRefreshTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.MaxRetry(0)}},
		{Cron: every(tick, transferFollowEvery), Task: NewTransferFollowTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault)}},
		// Not retried: the next minute's sweep takes what is still unsent.
		{Cron: every(tick, remindSweepEvery), Task: NewRemindSweepTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.MaxRetry(0)}},
		// Not retried: the next run sends what is still unclaimed or unsent.
		{Cron: every(tick, digestRunEvery), Task: NewDigestRunTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.MaxRetry(0)}},
		// Not retried: the next minute's pass finds the same sends.
		{Cron: every(tick, massSendFollowEvery), Task: NewMassSendFollowTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.MaxRetry(0)}},
		// Not retried: the next tick takes what is still due (within each
		// journey's catch-up window) and the fires still pending.
		{Cron: every(tick, journeyTickEvery), Task: NewJourneyTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.MaxRetry(0)}},
		// Not retried: the next minute's tick fires what is still due
		// within the SOP's catch-up window, and finishes pending fires.
		{Cron: every(tick, groupSOPTickEvery), Task: NewGroupSOPTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.MaxRetry(0)}},
		// Not retried: the next minute's tick finds the same helps due.
		{Cron: every(tick, referralTickEvery), Task: NewReferralTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.MaxRetry(0)}},
		// Not retried: the next tick queues the same corps' days again,
		// and a night's run until it has run.
		{Cron: every(tick, statsTickEvery), Task: NewStatsTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.MaxRetry(0)}},
		// Not retried: the next tick finds the pull still unfinished; the
		// pull itself is one task per corp and day, retried.
		{Cron: every(tick, behaviorTickEvery), Task: NewBehaviorTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.MaxRetry(0)}},
	}
}

// every is the cron spec of a period of n ticks.
func every(tick time.Duration, n int) string { return "@every " + (time.Duration(n) * tick).String() }
