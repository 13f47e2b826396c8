package tasks

import (
	"context"
	"time"

	"github.com/hibiken/asynq"
)

// TypeSegmentRefresh materializes the segments whose refresh period has
// passed.
const TypeSegmentRefresh = "segment:refresh"

// segmentRefreshEvery is how often the due segments are looked for; a
// segment's own period is whole hours.
const segmentRefreshEvery = 5 * time.Minute

// SegmentRefreshFunc refreshes every due segment of every corp.
type SegmentRefreshFunc func(ctx context.Context) error

// NewSegmentRefreshTask builds the task the scheduler enqueues.
func NewSegmentRefreshTask() *asynq.Task { return asynq.NewTask(TypeSegmentRefresh, nil) }

func handleSegmentRefresh(refresh SegmentRefreshFunc) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		if refresh == nil {
			return nil
		}
		return refresh(ctx)
	}
}
