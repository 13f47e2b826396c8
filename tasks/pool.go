package tasks

import (
	"context"

	"github.com/hibiken/asynq"
)

// TypeAssignPool places customers waiting in the pool (公海): online
// arrivals nobody could take at once, stores whose guides were all off
// shift or capped.
const TypeAssignPool = "assign:pool"

// PoolFunc places every corp's pooled customers it can.
type PoolFunc func(ctx context.Context) error

// NewAssignPoolTask builds the task the scheduler enqueues every minute.
func NewAssignPoolTask() *asynq.Task { return asynq.NewTask(TypeAssignPool, nil) }

func handleAssignPool(pool PoolFunc) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		if pool == nil {
			return nil
		}
		return pool(ctx)
	}
}
