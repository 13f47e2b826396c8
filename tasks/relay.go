package tasks

import (
	"context"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
)

// TypeWeComRelay queues inbox events that are stored but not (or no
// longer) queued: Redis was down when they arrived, or lost its data.
const TypeWeComRelay = "wecom:relay"

// DefaultRelayAfter is how long an event may sit pending before the relay
// queues it again; younger ones are normally still on their way through.
const DefaultRelayAfter = time.Minute

func handleRelay(inbox app.InboxService, q *Enqueuer, after time.Duration, log *slog.Logger) asynq.HandlerFunc {
	if after <= 0 {
		after = DefaultRelayAfter
	}
	return func(ctx context.Context, _ *asynq.Task) error {
		queued, lastID, cutoff := 0, int64(0), time.Now().UTC().Add(-after)
		for {
			pending, err := inbox.PendingEvents(ctx, cutoff, lastID, app.MaxPageSize)
			if err != nil {
				return err
			}
			for _, e := range pending {
				if err := q.EnqueueEvent(ctx, e); err != nil {
					return err
				}
				lastID = e.ID
			}
			queued += len(pending)
			if len(pending) < app.MaxPageSize {
				break
			}
		}
		if queued > 0 {
			log.InfoContext(ctx, "relay queued pending events", "count", queued)
		}
		return nil
	}
}

// NewRelayTask builds the relay task the scheduler enqueues every minute.
func NewRelayTask() *asynq.Task { return asynq.NewTask(TypeWeComRelay, nil) }
