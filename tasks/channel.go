package tasks

import (
	"context"
	"time"

	"github.com/hibiken/asynq"
)

// TypeChannelMaintain is the minutely pass over channel codes: finish the
// creates a lost answer or a crash left half-done, and point each
// multi-guide code at the guides on shift and under their daily cap.
const TypeChannelMaintain = "channel:maintain"

// ChannelMaintainFunc runs that pass for every corp as of at.
type ChannelMaintainFunc func(ctx context.Context, at time.Time) error

// NewChannelMaintainTask builds the task the scheduler enqueues every
// minute.
func NewChannelMaintainTask() *asynq.Task { return asynq.NewTask(TypeChannelMaintain, nil) }

// handleChannelMaintain runs the pass as of the moment it starts, which is
// what shifts are compared with. A failure is not retried: the next
// minute's pass does the same work with a fresher clock.
func handleChannelMaintain(maintain ChannelMaintainFunc) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		if maintain == nil {
			return nil
		}
		return maintain(ctx, time.Now().UTC())
	}
}
