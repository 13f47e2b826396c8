package tasks

import (
	"context"
	"errors"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
)

// TypeWeComReconcile starts the full syncs that are due (a corp just
// added, a daily reconcile, a run that stalled) and queues their tasks.
const TypeWeComReconcile = "wecom:reconcile"

// ReconcileFunc starts the syncs that are due and returns the runs whose
// next task must be queued.
type ReconcileFunc func(ctx context.Context) ([]*app.SyncRun, error)

// NewReconcileTask builds the task the scheduler enqueues every minute.
func NewReconcileTask() *asynq.Task { return asynq.NewTask(TypeWeComReconcile, nil) }

func handleReconcile(reconcile ReconcileFunc, q *Enqueuer) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		if reconcile == nil {
			return nil
		}
		runs, err := reconcile(ctx)
		for _, run := range runs {
			err = errors.Join(err, q.EnqueueSync(ctx, run))
		}
		return err
	}
}
