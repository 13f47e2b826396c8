package tasks

import (
	"context"
	"time"

	"github.com/hibiken/asynq"
)

// TypeRFMSweep recomputes the RFM class and stage of the members who
// ordered since the last pass.
const TypeRFMSweep = "rfm:sweep"

// TypeRFMNightly recomputes every member, the medians first.
const TypeRFMNightly = "rfm:nightly"

// rfmSweepEvery is how soon an order moves its member.
const rfmSweepEvery = time.Minute

// RFMFunc runs a pass over every corp and scope with orders.
type RFMFunc func(ctx context.Context) error

// NewRFMSweepTask and NewRFMNightlyTask build the scheduler's tasks.
func NewRFMSweepTask() *asynq.Task { return asynq.NewTask(TypeRFMSweep, nil) }

// NewRFMNightlyTask builds the nightly task.
func NewRFMNightlyTask() *asynq.Task { return asynq.NewTask(TypeRFMNightly, nil) }

func handleRFM(fn RFMFunc) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		if fn == nil {
			return nil
		}
		return fn(ctx)
	}
}
