package tasks

import (
	"github.com/hibiken/asynq"
)

// TypeRemindSweep reminds every corp's guides of their new tasks: one app
// message per guide with new tasks, within WeCom's per-member limits. Each
// batch has a ledger row unique per guide, so sweeps running at once (a
// late one beside the next) still send each batch once.
const TypeRemindSweep = "remind:sweep"

// remindSweepEvery is the sweep's period: a task reaches its guide within
// about a minute, and a guide gets at most one reminder a minute.
const remindSweepEvery = 1 // tick (a minute in production)

// NewRemindSweepTask builds the task the scheduler enqueues every minute.
func NewRemindSweepTask() *asynq.Task { return asynq.NewTask(TypeRemindSweep, nil) }
