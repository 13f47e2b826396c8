package tasks

import (
	"context"

	"github.com/hibiken/asynq"
)

// PassFunc is one periodic pass over every corp (place pooled customers,
// follow transfers, refresh due segments, credit new orders, recompute
// RFM): the schedule enqueues its task, one a period.
type PassFunc func(ctx context.Context) error

// handlePass runs pass; a pass not wired does nothing.
func handlePass(pass PassFunc) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		if pass == nil {
			return nil
		}
		return pass(ctx)
	}
}
