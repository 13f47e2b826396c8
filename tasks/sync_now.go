package tasks

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// SyncStarter starts a corp's full sync, or returns the one under way
// (the directory's StartSync).
type SyncStarter interface {
	StartSync(ctx context.Context, corpID int64) (*app.SyncRun, bool, error)
}

// SyncNow starts a full sync when someone asks for one (the console's
// 系统 page), as the reconcile does for a corp that is due: the run, then
// its first task. A second click while a run is under way starts nothing
// and returns that run (started false).
type SyncNow struct {
	Starter SyncStarter
	Queue   *Enqueuer
}

// StartSync starts corpID's full sync and queues its first task. When the
// queue cannot take it the run exists all the same and the reconcile
// queues it once it counts as stalled; the error says so.
func (s SyncNow) StartSync(ctx context.Context, corpID int64) (*app.SyncRun, bool, error) {
	run, started, err := s.Starter.StartSync(ctx, corpID)
	if err != nil || !started {
		return run, started, err
	}
	if err := s.Queue.EnqueueSync(ctx, run); err != nil {
		return run, true, app.Wrap(app.EUNAVAILABLE, fmt.Errorf("queue sync %d: %w", run.ID, err),
			"同步已创建，但任务队列暂时不可用；调度器会在几分钟内接手")
	}
	return run, true, nil
}
