package tasks

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
)

// TypeEventDelivery hands applied events to one subscriber. One task
// carries the events of one applied batch for that subscriber, so an
// event costs no queue round trip of its own; they are handled side by
// side inside it.
const TypeEventDelivery = "event:deliver"

// deliveryPayload names the subscriber and carries its events whole, so
// the handler reads nothing before it starts.
type deliveryPayload struct {
	Subscriber string         `json:"subscriber"`
	Events     []EventPayload `json:"events"`
}

// enqueueDelivery queues es for s as one task, named by the subscriber
// and the events' keys: the same delivery queued twice runs once. It
// returns the task's id, for the relay to wake a task waiting to retry.
func (q *Enqueuer) enqueueDelivery(ctx context.Context, s *subscriber, es []*app.InboxEvent) (string, error) {
	if len(es) == 0 {
		return "", nil
	}
	p := deliveryPayload{Subscriber: s.Name, Events: make([]EventPayload, len(es))}
	for i, e := range es {
		p.Events[i] = eventPayload(e)
	}
	b, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	id := deliveryTaskID(s, es)
	t := asynq.NewTask(TypeEventDelivery, b, asynq.TaskID(id), asynq.Queue(s.Queue), asynq.MaxRetry(untilItWorks))
	return id, q.once(ctx, t)
}

// deliveryTaskID is the task id of a delivery of es to s: the same
// whoever queues the same batch.
func deliveryTaskID(s *subscriber, es []*app.InboxEvent) string {
	keys := make([]string, len(es))
	for i, e := range es {
		keys[i] = fmt.Sprintf("%d:%s", e.CorpID, e.DedupeKey)
	}
	return batchID("deliver:"+s.Name, keys)
}

// handleDelivery runs a delivery task: its events side by side within the
// subscriber's slots; the handled ones' deliveries are removed together,
// a failed one is queued again on its own (see eachApart), and one that
// fails for good is marked failed for operators.
func handleDelivery(r *Registry, log *slog.Logger) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p deliveryPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil {
			return DecodeError(t, err)
		}
		s, ok := r.byName[p.Subscriber]
		if !ok {
			return fmt.Errorf("%w: no subscriber %q in this process", asynq.SkipRetry, p.Subscriber)
		}
		es := make([]*app.InboxEvent, len(p.Events))
		for i, e := range p.Events {
			es[i] = e.event()
		}
		return r.run(ctx, log, s, es)
	}
}

// run handles es for s and settles their deliveries.
func (r *Registry) run(ctx context.Context, log *slog.Logger, s *subscriber, es []*app.InboxEvent) error {
	done := make([]bool, len(es))
	err := eachApart(ctx, log, "delivering an event to "+s.Name, es, func(i int, e *app.InboxEvent) error {
		err := s.slots.hold(ctx, func() error { return s.Handle(ctx, e) })
		done[i] = err == nil
		if err != nil && len(es) == 1 && lastAttempt(ctx, err) {
			if ferr := r.store.FailDelivery(context.WithoutCancel(ctx), e.CorpID, s.Name, e.DedupeKey, err.Error(), true); ferr != nil {
				log.ErrorContext(ctx, "delivery failed for good but could not be marked failed", "subscriber", s.Name,
					"event", e.DedupeKey, "err", ferr)
			}
		}
		return err
	}, func(e *app.InboxEvent) error {
		_, err := r.queue.enqueueDelivery(ctx, s, []*app.InboxEvent{e})
		return err
	})
	for corpID, keys := range doneKeys(es, done) {
		if err := r.store.DoneDeliveries(ctx, corpID, s.Name, keys); err != nil {
			return err
		}
	}
	return err
}

// doneKeys groups the keys of the handled events by corp.
func doneKeys(es []*app.InboxEvent, done []bool) map[int64][]string {
	out := map[int64][]string{}
	for i, e := range es {
		if done[i] {
			out[e.CorpID] = append(out[e.CorpID], e.DedupeKey)
		}
	}
	return out
}
