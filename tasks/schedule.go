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
	// task id, its retention, a deadline (period.deadline), and retries
	// unless Opts set MaxRetry.
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
// Every pass is retried (periodRetries, unless the entry sets its own)
// until its deadline, the end of the next period and a minute from its
// start at the least (period.deadline): a worker killed mid-run loses no
// pass whose deadline outlasts asynq's recovery of the task (its 30 s
// lease and a minute's poll), and a late pass may run beside the next
// period's, never two periods late (every pass is an idempotent sweep).
// The nights are retried more, so a killed worker loses no night.
func Schedule(tick time.Duration) []Periodic {
	return []Periodic{
		{Cron: every(tick, 1), Task: NewRelayTask(), Opts: []asynq.Option{asynq.Queue(QueueLow)}},
		// Every minute, so a corp registered a moment ago starts its first
		// sync promptly; the reconcile itself decides which corps are due.
		{Cron: every(tick, 1), Task: NewReconcileTask(), Opts: []asynq.Option{asynq.Queue(QueueLow)}},
		// Each pass takes every corp again, so one cut short loses nothing.
		{Cron: every(tick, 1), Task: NewAssignPoolTask(), Opts: []asynq.Option{asynq.Queue(QueueDefault)}},
		// Every minute, so a shift starting or ending moves a channel's
		// customers within a minute.
		{Cron: every(tick, 1), Task: NewChannelMaintainTask(), Opts: []asynq.Option{asynq.Queue(QueueDefault)}},
		// Each pass takes what is still uncredited.
		{Cron: every(tick, attributionCatchUpEvery), Task: NewAttributionCatchUpTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow)}},
		{Cron: every(tick, rfmSweepEvery), Task: NewRFMSweepTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow)}},
		{Cron: every(tick, orderRelinkEvery), Task: NewOrderRelinkTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow)}},
		// At 03:30, when stores are closed; retried, so a night is not lost.
		{Cron: "30 3 * * *", Task: NewRFMNightlyTask(), Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.MaxRetry(5)}},
		// At 04:30, after the RFM thresholds of the night are taken: once
		// a night across schedulers; retried, so a night is not lost.
		{Cron: "30 4 * * *", Task: NewUpliftNightlyTask(), Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.MaxRetry(5),
			asynq.Timeout(time.Hour)}},
		// A pass cut short leaves the segment due for the next.
		{Cron: every(tick, segmentRefreshEvery), Task: NewSegmentRefreshTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow)}},
		{Cron: every(tick, transferFollowEvery), Task: NewTransferFollowTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault)}},
		// Each sweep takes what is still unsent.
		{Cron: every(tick, remindSweepEvery), Task: NewRemindSweepTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault)}},
		// Each run sends what is still unclaimed or unsent.
		{Cron: every(tick, digestRunEvery), Task: NewDigestRunTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow)}},
		// Each pass finds the sends still to follow.
		{Cron: every(tick, massSendFollowEvery), Task: NewMassSendFollowTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault)}},
		// Each tick takes what is still due (within each journey's
		// catch-up window) and the fires still pending.
		{Cron: every(tick, journeyTickEvery), Task: NewJourneyTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault)}},
		// Each tick fires what is still due within the SOP's catch-up
		// window, and finishes pending fires.
		{Cron: every(tick, groupSOPTickEvery), Task: NewGroupSOPTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault)}},
		// Each tick finds the helps due.
		{Cron: every(tick, referralTickEvery), Task: NewReferralTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault)}},
		// Each tick queues the corps' days still due, and a night's run
		// until it has run.
		{Cron: every(tick, statsTickEvery), Task: NewStatsTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow)}},
		// Each tick finds a pull still unfinished; the pull itself is one
		// task per corp and day, retried.
		{Cron: every(tick, behaviorTickEvery), Task: NewBehaviorTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow)}},
	}
}

// every is the cron spec of a period of n ticks.
func every(tick time.Duration, n int) string { return "@every " + (time.Duration(n) * tick).String() }
