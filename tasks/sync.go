package tasks

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
)

// TypeWeComSync advances a full directory sync.
const TypeWeComSync = "wecom:sync"

// syncSlice is how long one task works on a sync before handing the rest to
// a new task, so a worker shutdown never has to cut a long sync short and
// no task outlives asynq's deadline.
const syncSlice = 20 * time.Second

// SyncPayload names the run.
type SyncPayload struct {
	RunID int64 `json:"run_id"`
}

// NewSyncTask builds the task that continues run at step; the TaskID makes
// a continuation enqueued twice run once. A slice failing for a reason
// that can heal is never archived (an archived task keeps its id, and the
// run would stay "running" with no task to move it); what cannot heal ends
// the run as failed at once.
func NewSyncTask(runID int64, step int) *asynq.Task {
	b, _ := json.Marshal(SyncPayload{RunID: runID})
	return asynq.NewTask(TypeWeComSync, b, asynq.Queue(QueueLow), asynq.MaxRetry(untilItWorks),
		asynq.TaskID(fmt.Sprintf("sync:%d:%d", runID, step)), asynq.Timeout(2*syncSlice))
}

// Syncer advances full syncs one page at a time.
type Syncer interface {
	SyncStep(ctx context.Context, runID int64) (*app.SyncRun, bool, error)
	// FailSync ends a run that cannot go on, recording why, so the
	// reconcile starts a fresh one later instead of reviving it forever.
	FailSync(ctx context.Context, runID int64, cause error) error
}

func handleSync(syncer Syncer, q *Enqueuer) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p SyncPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil {
			return DecodeError(t, err)
		}
		deadline := time.Now().Add(syncSlice)
		for {
			run, done, err := syncer.SyncStep(ctx, p.RunID)
			if err != nil && lastAttempt(ctx, err) {
				return failSync(ctx, syncer, p.RunID, err)
			}
			if err != nil || done {
				return err
			}
			if time.Now().After(deadline) {
				return q.EnqueueSync(ctx, run)
			}
		}
	}
}

// failSync records that the run cannot go on. It runs on a context of its
// own (the task's may be what ran out); if even that fails, the task is
// retried rather than dropped, so the run is never left "running" with no
// task behind it.
func failSync(ctx context.Context, syncer Syncer, runID int64, cause error) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := syncer.FailSync(ctx, runID, cause); err != nil {
		return app.Wrap(app.EUNAVAILABLE, fmt.Errorf("record sync %d as failed (%v): %w", runID, cause, err), "")
	}
	return cause
}

// EnqueueSync queues the next task of run, named by its step so the same
// step is queued once.
func (q *Enqueuer) EnqueueSync(ctx context.Context, run *app.SyncRun) error {
	return q.once(ctx, NewSyncTask(run.ID, stepOf(run)))
}

// corruptStep names the task of a run whose cursor cannot be read: it is
// queued all the same (under a name no readable step has), and its step
// then ends the run as failed with the reason, so the reconcile starts a
// fresh one — rather than the run silently restarting at step 0.
const corruptStep = -1

func stepOf(run *app.SyncRun) int {
	var cur struct {
		Step int `json:"step"`
	}
	if err := json.Unmarshal([]byte(run.CursorJSON), &cur); err != nil {
		return corruptStep
	}
	return cur.Step
}
