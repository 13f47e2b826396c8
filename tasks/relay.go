package tasks

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
)

// TypeWeComRelay queues inbox events that are stored but not (or no
// longer) queued, and subscribers' deliveries likewise: Redis was down
// when they were made, or lost its data (the embedded Redis killed
// between two snapshots).
const TypeWeComRelay = "wecom:relay"

// DefaultRelayAfter is how long an event may sit pending before the relay
// queues it again; younger ones are normally still on their way through.
const DefaultRelayAfter = time.Minute

func handleRelay(inbox app.InboxService, r *Registry, q *Enqueuer, after time.Duration, log *slog.Logger) asynq.HandlerFunc {
	if after <= 0 {
		after = DefaultRelayAfter
	}
	return func(ctx context.Context, t *asynq.Task) error {
		cutoff := time.Now().UTC().Add(-after)
		if len(t.Payload()) > 0 {
			var p relayPayload
			if err := json.Unmarshal(t.Payload(), &p); err != nil {
				return DecodeError(t, err)
			}
			cutoff = p.Before
		}
		if err := relayEvents(ctx, inbox, q, cutoff, log); err != nil || r == nil {
			return err
		}
		return r.relay(ctx, cutoff, log)
	}
}

// relayEvents queues the events still pending since before cutoff.
func relayEvents(ctx context.Context, inbox app.InboxService, q *Enqueuer, cutoff time.Time, log *slog.Logger) error {
	queued, lastID := 0, int64(0)
	for {
		pending, err := inbox.PendingEvents(ctx, cutoff, lastID, app.MaxPageSize)
		if err != nil {
			return err
		}
		for _, e := range pending {
			if err := q.EnqueueEvent(ctx, e); err != nil {
				return err
			}
			q.wake(QueueDefault, eventTaskID(e))
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

// relay queues, one task each, the deliveries still pending since before
// cutoff whose subscriber this process knows. A delivery whose task is
// still queued is not queued twice (the task id is the same).
func (r *Registry) relay(ctx context.Context, cutoff time.Time, log *slog.Logger) error {
	queued, after := 0, (*app.Delivery)(nil)
	for {
		ds, es, err := r.store.PendingDeliveries(ctx, cutoff, after, app.MaxPageSize)
		if err != nil {
			return err
		}
		for i, d := range ds {
			if s, ok := r.byName[d.Subscriber]; ok && es[i].DedupeKey != "" {
				id, err := r.queue.enqueueDelivery(ctx, s, []*app.InboxEvent{&es[i]})
				if err != nil {
					return err
				}
				r.queue.wake(s.Queue, id)
				queued++
			}
			after = &ds[i]
		}
		if len(ds) < app.MaxPageSize {
			break
		}
	}
	if queued > 0 {
		log.InfoContext(ctx, "relay queued pending deliveries", "count", queued)
	}
	return nil
}

// NewRelayTask builds the relay task the scheduler enqueues every minute.
func NewRelayTask() *asynq.Task { return asynq.NewTask(TypeWeComRelay, nil) }

// relayPayload names a recovery relay's cutoff.
type relayPayload struct {
	Before time.Time `json:"before"`
}

// NewRecoveryRelayTask builds the relay a process queues when it starts on
// a queue that may have lost what it held: the embedded Redis comes back
// from a snapshot taken up to a few seconds before the process died, so
// every event and delivery still pending from before at is queued again
// at once rather than a minute later. One whose task survived is not
// queued twice (the task id is the same); one queued again while its
// batch's task survived runs twice, which subscribers' own keys make
// harmless.
func NewRecoveryRelayTask(at time.Time) *asynq.Task {
	b, _ := json.Marshal(relayPayload{Before: at.UTC()})
	return asynq.NewTask(TypeWeComRelay, b)
}
