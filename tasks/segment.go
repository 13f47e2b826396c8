package tasks

import (
	"github.com/hibiken/asynq"
)

// TypeSegmentRefresh materializes the segments whose refresh period has
// passed.
const TypeSegmentRefresh = "segment:refresh"

// segmentRefreshEvery is how often the due segments are looked for; a
// segment's own period is whole hours.
const segmentRefreshEvery = 5 // ticks (minutes in production)

// NewSegmentRefreshTask builds the task the scheduler enqueues.
func NewSegmentRefreshTask() *asynq.Task { return asynq.NewTask(TypeSegmentRefresh, nil) }
