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

// relayAge is how long an event may sit pending before the relay queues it
// again; shorter than that it is normally still on its way through.
const relayAge = time.Minute

func handleRelay(inbox app.InboxService, q *Enqueuer, log *slog.Logger) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		queued, after, cutoff := 0, int64(0), time.Now().UTC().Add(-relayAge)
		for {
			pending, err := inbox.PendingEvents(ctx, cutoff, after, app.MaxPageSize)
			if err != nil {
				return err
			}
			for _, e := range pending {
				if err := q.EnqueueEvent(ctx, e); err != nil {
					return err
				}
				after = e.ID
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
