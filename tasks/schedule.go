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
func Schedule() []Periodic {
	return []Periodic{
		{Cron: "@every 1m", Task: NewRelayTask(), Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.Unique(50 * time.Second)}},
		// Every minute, so a corp registered a moment ago starts its first
		// sync promptly; the reconcile itself decides which corps are due.
		{Cron: "@every 1m", Task: NewReconcileTask(), Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.Unique(50 * time.Second)}},
		// Not retried either: the next minute's pass takes every corp again.
		{Cron: "@every 1m", Task: NewAssignPoolTask(), Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.Unique(50 * time.Second), asynq.MaxRetry(0)}},
		// Every minute, so a shift starting or ending moves a channel's
		// customers within a minute; not retried, the next pass is as good.
		{Cron: "@every 1m", Task: NewChannelMaintainTask(), Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.Unique(50 * time.Second), asynq.MaxRetry(0)}},
		// Not retried: the next minute's pass takes what is still uncredited.
		{Cron: "@every " + attributionCatchUpEvery.String(), Task: NewAttributionCatchUpTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.Unique(attributionCatchUpEvery - 10*time.Second), asynq.MaxRetry(0)}},
		{Cron: "@every " + rfmSweepEvery.String(), Task: NewRFMSweepTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.Unique(rfmSweepEvery - 10*time.Second), asynq.MaxRetry(0)}},
		{Cron: "@every " + orderRelinkEvery.String(), Task: NewOrderRelinkTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.Unique(orderRelinkEvery - 10*time.Second), asynq.MaxRetry(0)}},
		// At 03:30, when stores are closed; retried, so a night is not lost.
		{Cron: "30 3 * * *", Task: NewRFMNightlyTask(), Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.Unique(23 * time.Hour), asynq.MaxRetry(5)}},
		// Not retried: the next pass finds the segment still due.
		{Cron: "@every " + segmentRefreshEvery.String(), Task: NewSegmentRefreshTask(),
			Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.Unique(segmentRefreshEvery - 10*time.Second), asynq.MaxRetry(0)}},
		{Cron: "@every " + transferFollowEvery.String(), Task: NewTransferFollowTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.Unique(transferFollowEvery - 10*time.Second)}},
		// Not retried: the next minute's sweep takes what is still unsent.
		{Cron: "@every " + remindSweepEvery.String(), Task: NewRemindSweepTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.Unique(remindSweepEvery - 10*time.Second), asynq.MaxRetry(0)}},
		// Not retried: the next minute's pass finds the same sends.
		{Cron: "@every " + massSendFollowEvery.String(), Task: NewMassSendFollowTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.Unique(massSendFollowEvery - 10*time.Second), asynq.MaxRetry(0)}},
		// Not retried: the next tick takes what is still due (within each
		// journey's catch-up window) and the fires still pending.
		{Cron: "@every " + journeyTickEvery.String(), Task: NewJourneyTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.Unique(journeyTickEvery - 10*time.Second), asynq.MaxRetry(0)}},
		// Not retried: the next minute's tick fires what is still due
		// within the SOP's catch-up window, and finishes pending fires.
		{Cron: "@every " + groupSOPTickEvery.String(), Task: NewGroupSOPTickTask(),
			Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.Unique(groupSOPTickEvery - 10*time.Second), asynq.MaxRetry(0)}},
	}
}
