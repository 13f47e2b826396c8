package tasks

import (
	"github.com/hibiken/asynq"
)

// TypeGroupSOPTick fires every corp's due group SOP steps: a task for each
// group's owner. The fire ledger is unique per (SOP, step, group,
// occurrence), so ticks running at once (a late one beside the next)
// still give each step once.
const TypeGroupSOPTick = "groupsop:tick"

// groupSOPTickEvery is the tick's period: a step reaches its owner within
// about a minute of its time.
const groupSOPTickEvery = 1 // tick (a minute in production)

// NewGroupSOPTickTask builds the task the scheduler enqueues every minute.
func NewGroupSOPTickTask() *asynq.Task { return asynq.NewTask(TypeGroupSOPTick, nil) }
