package tasks

import (
	"github.com/hibiken/asynq"
)

// TypeAssignPool places customers waiting in the pool (公海): online
// arrivals nobody could take at once, stores whose guides were all off
// shift or capped.
const TypeAssignPool = "assign:pool"

// NewAssignPoolTask builds the task the scheduler enqueues every minute.
func NewAssignPoolTask() *asynq.Task { return asynq.NewTask(TypeAssignPool, nil) }
